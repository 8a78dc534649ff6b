/**
 * The operations the playground opens with, one tab each: the README's "Try it" queries (named,
 * so that GraphiQL titles the tabs). Queries only: a tab must be safe to run as it opens.
 * A unit test validates every one against the schema.
 */
export const playgroundExamples: readonly string[] = [
  `# One request, five vendors: ThingsCloud devices,
# one ticket list merged from MaxCloud, Zammad and
# Dreamreflex (newest first), Lexiang teams, and
# who Dreamreflex says you are.
# Run it with ▶ or Ctrl-Enter; the book icon (top
# left) opens the docs.
query Overview {
  devices(first: 3) {
    totalCount
    nodes { name online }
  }
  tickets(first: 5) {
    totalCount missingSources
    nodes { source title status createdAt }
  }
  teams(first: 3) { nodes { name type } }
  me { dreamreflex { email fullName } }
}
`,
  `# One ticket list across MaxCloud, Zammad and Dreamreflex,
# newest first; page on with \`after\`.
query OpenTickets {
  tickets(first: 10, filter: { status: OPEN }) {
    totalCount missingSources
    pageInfo { hasNextPage endCursor }
    nodes {
      id source title status priority vendorStatus createdAt
      creator { email name } assignee { email }
      ... on MaxCloudTicket { groupTag labels company { name } }
      ... on ZammadTicket { number group { name } }
      ... on DreamreflexTicket { ticketType }
    }
  }
}
`,
  `# One person, known by e-mail in several vendors.
query Person {
  person(email: "Li.Na@example.cn") {
    email name
    zammadUser { login organization { name } }
    createdTickets(first: 5) { totalCount nodes { source title createdAt } }
    assignedTickets(first: 5) { totalCount nodes { source title } }
    customerTickets(first: 5) { totalCount nodes { source title } }
  }
}
`,
  `# Dreamreflex's own graph: the caller's account, projects,
# their files and tasks.
query Dreamreflex {
  me { dreamreflex { email fullName businessAccount { companyName status } } }
  projects(first: 2) {
    nodes {
      name
      files(tag: "文档") { nodes { filename size download { url expiresAt } } }
      tasks(status: PENDING) { totalCount nodes { title } }
    }
  }
}
`,
  `# Zammad's helpdesk with a structured filter (every value
# matched literally), and the shared \`tickets\` field with a
# normalized status.
query ZammadSearch {
  zammadTickets(first: 5, filter: { customer: "li.na@example.cn", states: ["new", "open"] }) {
    totalCount
    nodes {
      number title status vendorStatus tags
      priority vendorPriority group { name }
      customer { email name } customerUser { organization { name shared } }
      articles(first: 3) { nodes { from subject body attachments { filename size contentType } } }
    }
  }
  tickets(first: 3, filter: { sources: [ZAMMAD], status: PENDING }) { totalCount nodes { title vendorStatus } }
  me { zammad { login email } }
}
`,
];

/**
 * The "act as" tab of demo mode: the same question asked with the headers of other demo users
 * (below, in the headers editor), so the answers show whose credentials each vendor used.
 */
export function actAsExample(who: readonly string[]): string {
  return `# The request headers of this tab (below) act as other demo users:
${who.map((line) => `#   ${line}`).join('\n')}
# Without such headers, demo mode uses each vendor's demo
# service account. Tokens of other users come from the
# dreamreflexLogin, thingsCloudAdminLogin and maxCloudLogin
# mutations; send them as x-dreamreflex-token,
# x-thingscloud-token and x-maxcloud-token.
query ActAsOtherUsers {
  me { zammad { login email } dreamreflex { email } maxcloud { email } }
  zammadTickets(first: 5) { totalCount nodes { number title group { name } } }
}
`;
}
