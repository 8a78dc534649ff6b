import type { Router } from 'express';
import { permits } from '../permissions.js';
import { rubyToI } from '../pagination.js';
import { iso } from '../renderRecords.js';
import { actorOf, paramsOf, type ZammadContext } from '../ZammadContext.js';
import { notAuthorized, notFound } from '../ZammadError.js';
import type { SettingRecord } from '../ZammadRecords.js';

const SETTINGS_CREATED_AT = Date.UTC(2025, 2, 3, 8, 0, 0);

function renderSetting(setting: SettingRecord) {
  return {
    id: setting.id,
    name: setting.name,
    title: setting.title,
    description: setting.description,
    options: {},
    state_current: { value: setting.value },
    preferences: { permission: ['admin'] },
    area: setting.area,
    frontend: setting.frontend,
    created_at: iso(SETTINGS_CREATED_AT),
    updated_at: iso(SETTINGS_CREATED_AT),
  };
}

/**
 * Admin settings, of which `api_token_access` and `api_password_access` switch the API
 * authentication schemes. An update takes `state_current: {value}` (what the admin UI sends)
 * or `state`.
 */
export function registerSettingRoutes(router: Router, ctx: ZammadContext): void {
  const { store } = ctx;
  const settingOf = (raw: unknown): SettingRecord => {
    const setting = /^\s*\d/.test(String(raw ?? '')) ? store.settings.find((s) => s.id === rubyToI(raw)) : undefined;
    if (!setting) throw notFound('Setting', String(raw ?? ''));
    return setting;
  };

  router.get('/api/v1/settings', ...ctx.authed, (_req, res) => {
    if (!permits(store, actorOf(res).user, 'admin')) throw notAuthorized();
    res.json(store.settings.map(renderSetting));
  });

  router.get('/api/v1/settings/:id', ...ctx.authed, (req, res) => {
    if (!permits(store, actorOf(res).user, 'admin')) throw notAuthorized();
    res.json(renderSetting(settingOf(req.params.id)));
  });

  router.put('/api/v1/settings/:id', ...ctx.authed, (req, res) => {
    if (!permits(store, actorOf(res).user, 'admin')) throw notAuthorized();
    const setting = settingOf(req.params.id);
    const params = paramsOf(req);
    const current = params.state_current;
    if (current !== null && typeof current === 'object' && 'value' in current) setting.value = (current as { value: unknown }).value;
    else if (params.state !== undefined) setting.value = params.state;
    res.json(renderSetting(setting));
  });
}
