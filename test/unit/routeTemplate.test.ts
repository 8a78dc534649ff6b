import { describe, expect, it } from '@jest/globals';
import { createRouteLabels, routeTemplate } from '../../src/observability/routeTemplate.js';

describe('routeTemplate', () => {
  it('keeps the API words and replaces IDs', () => {
    expect(routeTemplate('/api/v1/device/a1b2c3/info')).toBe('/api/v1/device/:id/info');
    expect(routeTemplate('/api/v1/tickets/42')).toBe('/api/v1/tickets/:id');
    expect(routeTemplate('/api/tickets/7f9c2ba4-e88f-11e9-81b4-2a2ae2dbcce4')).toBe('/api/tickets/:id');
    expect(routeTemplate('/api/v1/users/jane%40example.com')).toBe('/api/v1/users/:id');
    expect(routeTemplate('/cgi-bin/v1/teams')).toBe('/cgi-bin/v1/teams');
    expect(routeTemplate('/api/v1/device_types')).toBe('/api/v1/device_types');
  });

  it('labels routes past the cap as other, per vendor', () => {
    const label = createRouteLabels(2);
    expect(label('zammad', 'GET', '/api/v1/users/alice')).toBe('/api/v1/users/alice');
    expect(label('zammad', 'GET', '/api/v1/users/bob')).toBe('/api/v1/users/bob');
    expect(label('zammad', 'GET', '/api/v1/users/carol')).toBe('other');
    expect(label('zammad', 'GET', '/api/v1/users/alice')).toBe('/api/v1/users/alice');
    expect(label('lexiang', 'GET', '/cgi-bin/v1/teams')).toBe('/cgi-bin/v1/teams');
  });
});
