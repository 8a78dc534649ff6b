import { describe, expect, it } from '@jest/globals';
import { parse, validate } from 'graphql';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createPlaygroundSettings } from '../../src/http/playground.js';
import { actAsExample, playgroundExamples } from '../../src/http/playgroundExamples.js';
import { createSchema } from '../../src/schema.js';

const live = { LEXIANG_BASE_URL: 'https://lxapi.lexiangla.com', LEXIANG_APP_KEY: 'k', LEXIANG_APP_SECRET: 's', TESSERA_API_KEYS: 'k-0123456789abcdef' };

describe('TESSERA_PLAYGROUND', () => {
  it('is on in demo mode and off in live mode unless set', () => {
    expect(loadConfig({}).playground).toBe(true);
    expect(loadConfig({ TESSERA_PLAYGROUND: 'false' }).playground).toBe(false);
    expect(loadConfig(live).playground).toBe(false);
    expect(loadConfig({ ...live, TESSERA_PLAYGROUND: 'true' }).playground).toBe(true);
  });

  it('refuses anything but a boolean, naming the variable', () => {
    expect(() => loadConfig({ TESSERA_PLAYGROUND: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ TESSERA_PLAYGROUND: 'yes' })).toThrow(/TESSERA_PLAYGROUND/);
  });
});

describe('the playground examples', () => {
  const schema = createSchema();

  it.each([...playgroundExamples, actAsExample(['Zammad: someone'])].map((query) => [query.match(/query (\w+)/)![1]!, query]))(
    '%s is a valid, named query of the schema',
    (_name, query) => {
      const document = parse(query);
      expect(validate(schema, document)).toEqual([]);
      expect(document.definitions.every((d) => d.kind === 'OperationDefinition' && d.operation === 'query' && d.name)).toBe(true);
    },
  );
});

describe('createPlaygroundSettings', () => {
  const actAs = { headers: { 'x-zammad-authorization': 'Token token=agent' }, who: ['Zammad: the agent'] };

  it('opens demo mode on the examples plus a tab with other demo users’ headers', () => {
    const settings = createPlaygroundSettings({ mode: 'demo', apiKeys: [], allowAnonymous: false }, actAs);
    expect(settings.tabs).toHaveLength(playgroundExamples.length + 1);
    expect(settings.tabs.slice(0, -1).every((tab) => tab.headers === undefined)).toBe(true);
    const last = settings.tabs.at(-1)!;
    expect(JSON.parse(last.headers!)).toEqual(actAs.headers);
    expect(last.query).toContain('Zammad: the agent');
    expect(settings.defaultHeaders).toBe('');
  });

  it('never carries demo headers in live mode, and asks for an API key only when one is needed', () => {
    const keyed = createPlaygroundSettings({ mode: 'live', apiKeys: ['k-0123456789abcdef'], allowAnonymous: false }, actAs);
    expect(keyed.tabs).toHaveLength(playgroundExamples.length);
    expect(JSON.stringify(keyed)).not.toContain('k-0123456789abcdef');
    expect(JSON.stringify(keyed)).not.toContain('Token token=');
    expect(JSON.parse(keyed.defaultHeaders)).toEqual({ 'x-api-key': '' });
    expect(keyed.showHeaders).toBe(true);

    const open = createPlaygroundSettings({ mode: 'live', apiKeys: [], allowAnonymous: true });
    expect(open.defaultHeaders).toBe('');
    expect(open.tabs.every((tab) => tab.headers === undefined)).toBe(true);
  });
});
