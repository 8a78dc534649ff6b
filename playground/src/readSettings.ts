/** What the server puts in the page (`PlaygroundSettings` in src/http/playgroundSettings.ts). */
export interface Settings {
  /** The GraphQL endpoint, relative to the page. */
  endpoint: string;
  title: string;
  tabs: { query: string; variables?: string; headers?: string }[];
  /** The headers editor of a tab the user opens. */
  defaultHeaders: string;
  /** Open the headers editor at start (live mode: where the API key goes). */
  showHeaders: boolean;
}

export function readSettings(document: Document): Settings {
  const element = document.getElementById('tessera-playground');
  if (!element?.textContent) throw new Error('The page carries no playground settings.');
  return JSON.parse(element.textContent) as Settings;
}
