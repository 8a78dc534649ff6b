/**
 * The deployment artefacts: the kustomize base in deploy/kubernetes (rendered by the real
 * `kubectl kustomize`, and its settings parsed by the real `loadConfig`) and the Dockerfile.
 * kubectl (client only, no cluster needed) must be installed: without it this test fails, it never skips.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config.js';
import { vendors } from '../../src/vendors/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const base = `${root}deploy/kubernetes`;

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered manifests are checked field by field */
type Manifest = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; [key: string]: any };

/** `kubectl kustomize` the base, as JSON (`annotate --local` converts offline, no cluster). */
function render(): Manifest[] {
  const which = spawnSync('which', ['kubectl'], { encoding: 'utf8' });
  if (which.status !== 0) {
    throw new Error('kubectl is not installed: this test renders deploy/kubernetes with `kubectl kustomize` (client only, no cluster). Install the kubectl client; the test does not skip without it.');
  }
  const yaml = spawnSync('kubectl', ['kustomize', base], { encoding: 'utf8' });
  if (yaml.status !== 0) throw new Error(`kubectl kustomize ${base} failed:\n${yaml.stderr}`);
  const json = spawnSync('kubectl', ['annotate', '--local', '-f', '-', '-o', 'json', 'tessera.test/rendered=true'], { input: yaml.stdout, encoding: 'utf8' });
  if (json.status !== 0) throw new Error(`kubectl could not convert the rendered manifests to JSON:\n${json.stderr}`);
  // One JSON object per manifest, back to back.
  return JSON.parse(`[${json.stdout.trim().replace(/^}\s*^{/gm, '},{')}]`) as Manifest[];
}

describe('deploy/kubernetes (kustomize base)', () => {
  let manifests: Manifest[];
  const find = (kind: string, name: string) => {
    const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name} in the rendered manifests (found: ${manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')})`);
    return found;
  };
  let deployment: Manifest;
  let container: any;
  let configMap: Record<string, string>;
  let secret: Record<string, string>;

  beforeAll(() => {
    manifests = render();
    deployment = find('Deployment', 'tessera');
    container = deployment.spec.template.spec.containers.find((c: any) => c.name === 'tessera');
    configMap = find('ConfigMap', 'tessera-config').data;
    secret = find('Secret', 'tessera-secrets').stringData;
  });

  it('runs 3 replicas of the image, with resources', () => {
    expect(deployment.spec.replicas).toBe(3);
    expect(container.image).toMatch(/tessera/);
    expect(container.resources.requests).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
    expect(container.resources.limits.memory).toEqual(expect.any(String));
  });

  it('probes the real endpoints on the port Tessera listens on', () => {
    const server = readFileSync(`${root}src/server.ts`, 'utf8');
    expect(server).toContain("app.get('/healthz'");
    expect(server).toContain("app.get('/readyz'");
    const ports = Object.fromEntries(container.ports.map((p: any) => [p.name, p.containerPort]));
    expect(container.ports[0].containerPort).toBe(Number(configMap.PORT));
    const probe = (name: string) => {
      const port = container[name].httpGet.port;
      return { path: container[name].httpGet.path, port: typeof port === 'string' ? ports[port] : port };
    };
    expect(probe('readinessProbe')).toEqual({ path: '/readyz', port: 4000 });
    expect(probe('livenessProbe')).toEqual({ path: '/healthz', port: 4000 });
    expect(probe('startupProbe')).toEqual({ path: '/healthz', port: 4000 });
    const service = find('Service', 'tessera');
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect([4000, 'http']).toContain(service.spec.ports[0].targetPort);
  });

  it('takes its environment from the ConfigMap and the Secret, covering what live mode needs', () => {
    expect(container.envFrom).toEqual(
      expect.arrayContaining([{ configMapRef: { name: 'tessera-config' } }, { secretRef: { name: 'tessera-secrets' } }]),
    );
    const apiKeys = container.env.find((e: any) => e.name === 'TESSERA_API_KEYS');
    expect(apiKeys.valueFrom.secretKeyRef).toEqual({ name: 'tessera-secrets', key: 'TESSERA_API_KEYS' });
    expect(secret).toHaveProperty('TESSERA_API_KEYS');
    expect(configMap.TESSERA_MODE).toBe('live');
    for (const vendor of vendors) expect(configMap).toHaveProperty(`${vendor.source}_BASE_URL`);
    // Secrets stay out of the ConfigMap.
    expect(Object.keys(configMap).filter((k) => /KEY|SECRET|PASSWORD|TOKEN/.test(k) && k !== 'TESSERA_REDIS_KEY_PREFIX')).toEqual([]);
  });

  it('the Secret is a template: placeholders only, and Tessera refuses to start until the API keys are filled in', () => {
    for (const [key, value] of Object.entries(secret)) expect([key, value]).toEqual([key, expect.stringMatching(/^(|REPLACE_ME)$/)]);
    expect(() => loadConfig({ ...configMap, ...secret })).toThrow(/TESSERA_API_KEYS/);
  });

  it('with the Secret filled in, loadConfig accepts the settings: live, every vendor, Redis at the Redis Service', () => {
    const filled = Object.fromEntries(Object.entries(secret).map(([k]) => [k, k === 'TESSERA_API_KEYS' ? 'k8s-test-key-0123456789' : `test-${k.toLowerCase()}-value`]));
    const config = loadConfig({ ...configMap, ...filled });
    expect(config.mode).toBe('live');
    expect(config.host).toBe('0.0.0.0');
    expect(Object.keys(config.vendors).sort()).toEqual(vendors.map((v) => v.name).sort());
    expect(config.apiKeys).toEqual(['k8s-test-key-0123456789']);
    const redis = find('Service', 'tessera-redis');
    expect(config.redisUrl).toBe(`redis://${redis.metadata.name}:${redis.spec.ports[0].port}`);
    expect(find('Deployment', 'tessera-redis').spec.template.metadata.labels).toEqual(expect.objectContaining(redis.spec.selector));
  });

  it('every variable it sets is one the README documents', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    const documented = [...table.matchAll(/`([A-Z][A-Z0-9_]*\*?)`/g)].map((m) => m[1]!);
    const isDocumented = (name: string) => documented.some((d) => (d.endsWith('*') ? name.startsWith(d.slice(0, -1)) : d === name));
    expect([...Object.keys(configMap), ...Object.keys(secret)].filter((name) => !isDocumented(name))).toEqual([]);
  });

  it('gives a stopping pod longer than its preStop pause plus TESSERA_SHUTDOWN_GRACE_MS', () => {
    const graceMs = Number(configMap.TESSERA_SHUTDOWN_GRACE_MS);
    const preStop = container.lifecycle?.preStop?.exec?.command ?? [];
    const pauseMs = preStop[0] === 'sleep' ? Number(preStop[1]) * 1000 : 0;
    expect(graceMs).toBeGreaterThan(0);
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(pauseMs + graceMs);
  });

  it('runs as non-root with a read-only root file system', () => {
    const pod = deployment.spec.template.spec.securityContext;
    expect(pod.runAsNonRoot).toBe(true);
    expect(pod.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toEqual(
      expect.objectContaining({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }),
    );
  });

  it('has an HPA on CPU and a PDB, both on the Deployment', () => {
    const hpa = manifests.find((m) => m.kind === 'HorizontalPodAutoscaler')!;
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'tessera' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(deployment.spec.replicas);
    expect(hpa.spec.metrics).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'Resource', resource: expect.objectContaining({ name: 'cpu' }) })]));
    const pdb = manifests.find((m) => m.kind === 'PodDisruptionBudget')!;
    expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    expect(deployment.spec.template.metadata.labels).toEqual(expect.objectContaining(pdb.spec.selector.matchLabels));
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(`${root}Dockerfile`, 'utf8').replace(/\\\n/g, ' ');
  const lines = dockerfile.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const stages = lines.reduce<string[][]>((all, line) => (/^FROM\s/i.test(line) ? [...all, [line]] : (all.at(-1)?.push(line), all)), []);
  const runtime = stages.at(-1) ?? [];
  const last = (instruction: string) => runtime.filter((l) => l.toUpperCase().startsWith(`${instruction} `)).at(-1);

  it('is multi-stage, and its runtime stage runs `node dist/index.js` (node as PID 1, receiving SIGTERM)', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(last('CMD')!.slice(4))).toEqual(['node', 'dist/index.js']);
    expect(last('ENTRYPOINT')).toBeUndefined();
    expect(last('EXPOSE')).toBe('EXPOSE 4000');
  });

  it('runs as a user other than root', () => {
    const user = last('USER')?.slice(5).trim().split(':')[0];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });

  it('builds in the first stage and ships production dependencies, dist, schema and the playground bundle', () => {
    const build = stages[0]!.join('\n');
    for (const step of ['npm ci', 'npm run build', 'npm run build:playground']) expect(build).toContain(step);
    const shipped = runtime.join('\n');
    expect(shipped).toMatch(/npm ci --omit=dev/);
    for (const dir of ['dist', 'schema', 'playground/dist']) expect(shipped).toMatch(new RegExp(`COPY --from=\\S+ /app/${dir} \\./${dir}`));
  });
});
