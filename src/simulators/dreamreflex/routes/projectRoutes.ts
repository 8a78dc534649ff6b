import { createOssSigner, downloadUrlLifetimeSeconds } from '../createOssSigner.js';
import type { RouteTable } from '../createRouteTable.js';
import { canAccess } from '../canAccess.js';
import { HttpError } from '../HttpError.js';
import { dreamreflexMessages as m } from '../messages.js';
import { parseObjectId } from '../objectId.js';
import { paginate } from '../paginate.js';
import { projectTaskStatuses, type ProjectRecord, type UserRecord } from '../records.js';
import { RequestCheck } from '../RequestCheck.js';
import type { RouteDeps } from '../RouteDeps.js';
import { toProjectFileJson, toProjectJson, toProjectLinkJson, toProjectTaskJson } from '../serialize.js';

// Project sub-lists page bigger than the rest of the API: default 100, at most 500.
const subListLimit = { default: 100, ge: 1, le: 500 } as const;

export function registerProjectRoutes(routes: RouteTable, { state, tokens, clock }: RouteDeps): void {
  const signDownloadUrl = createOssSigner(clock);

  function findProject(id: string, user: UserRecord): ProjectRecord {
    const objectId = parseObjectId(id);
    const project = objectId === null ? undefined : state.projects.find((p) => p.id === objectId);
    if (!project) throw new HttpError(404, m.projectNotFound);
    if (!canAccess(user, project.owner_email)) throw new HttpError(403, m.projectForbidden);
    return project;
  }

  routes.add('GET', '/api/projects/me', async (req, res) => {
    const user = await tokens.authenticate(req);
    const check = new RequestCheck(req);
    const skip = check.int('skip', { default: 0, ge: 0 });
    const limit = check.int('limit', { default: 10, ge: 1, le: 100 });
    check.done();
    res.json(paginate(state.projects.filter((p) => p.owner_email === user.email), skip, limit, toProjectJson));
  });

  routes.add('GET', '/api/projects/:project_id', async (req, res) => {
    const user = await tokens.authenticate(req);
    res.json(toProjectJson(findProject(req.params.project_id as string, user)));
  });

  routes.add('GET', '/api/projects/:project_id/files', async (req, res) => {
    const user = await tokens.authenticate(req);
    const check = new RequestCheck(req);
    const skip = check.int('skip', { default: 0, ge: 0 });
    const limit = check.int('limit', subListLimit);
    const filename = check.text('filename')?.toLowerCase();
    const tag = check.text('tag');
    check.done();
    const project = findProject(req.params.project_id as string, user);
    // filename: case-insensitive substring (the vendor's regex match, special characters taken literally); tag: exact.
    const matches = state.projectFiles.filter(
      (f) => f.project_id === project.id && (filename === undefined || f.filename.toLowerCase().includes(filename)) && (tag === undefined || f.tag === tag),
    );
    res.json(paginate(matches, skip, limit, toProjectFileJson));
  });

  routes.add('POST', '/api/projects/files/:file_id/download-url', async (req, res) => {
    const user = await tokens.authenticate(req);
    const id = parseObjectId(req.params.file_id as string);
    const file = id === null ? undefined : state.projectFiles.find((f) => f.id === id);
    const project = file && state.projects.find((p) => p.id === file.project_id);
    if (!file || !project) throw new HttpError(404, m.fileNotFound);
    if (!canAccess(user, project.owner_email)) throw new HttpError(403, m.fileForbidden);
    res.json({ download_url: signDownloadUrl(file.oss_key), expires_in: downloadUrlLifetimeSeconds });
  });

  routes.add('GET', '/api/projects/:project_id/links', async (req, res) => {
    const user = await tokens.authenticate(req);
    const check = new RequestCheck(req);
    const skip = check.int('skip', { default: 0, ge: 0 });
    const limit = check.int('limit', subListLimit);
    check.done();
    const project = findProject(req.params.project_id as string, user);
    res.json(paginate(state.projectLinks.filter((l) => l.project_id === project.id), skip, limit, toProjectLinkJson));
  });

  routes.add('GET', '/api/projects/:project_id/tasks', async (req, res) => {
    const user = await tokens.authenticate(req);
    const check = new RequestCheck(req);
    const skip = check.int('skip', { default: 0, ge: 0 });
    const limit = check.int('limit', subListLimit);
    const status = check.enumValue('status', projectTaskStatuses);
    check.done();
    const project = findProject(req.params.project_id as string, user);
    const matches = state.projectTasks.filter((t) => t.project_id === project.id && (status === undefined || t.status === status));
    res.json(paginate(matches, skip, limit, toProjectTaskJson));
  });
}
