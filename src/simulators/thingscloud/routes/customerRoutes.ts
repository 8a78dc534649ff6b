import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { ThingsCloudContext } from '../simulatorContext.js';
import { sendFailure, sendInfo, ThingsCloudErrcode } from '../envelope.js';
import { customerDetail, customerListItem } from '../responseBodies.js';
import type { CustomerRecord } from '../types.js';
import { validateBody } from '../validateBody.js';
import { sendDeviceList } from './deviceRoutes.js';

const tags = z.record(z.string(), z.string());
const createCustomerBody = z.object({
  name: z.string().trim().min(1),
  account: z.string().trim().min(1),
  password: z.string().min(1),
  descr: z.string().optional(),
  email: z.string().optional(),
  mobile: z.string().optional(),
  tags: tags.optional(),
});
const updateCustomerBody = z
  .object({ name: z.string().trim().min(1).optional(), descr: z.string().optional(), email: z.string().optional(), mobile: z.string().optional() })
  .refine((b) => b.name !== undefined || b.descr !== undefined || b.email !== undefined || b.mobile !== undefined, 'at least one of name, descr, email, mobile is required');
const passwordBody = z.object({ password: z.string().min(1) });
const tagsBody = z.object({ tags });
const authBody = z.object({ account: z.string().min(1), password: z.string().min(1) });

function findCustomer(ctx: ThingsCloudContext, req: Request, res: Response): CustomerRecord | undefined {
  const customer = ctx.state.customers.get(String(req.params.customer_id));
  if (customer === undefined) sendFailure(res, ThingsCloudErrcode.notFound, 'customer not found');
  return customer;
}

/** Customers (the vendor's "用户"), their roles, devices and login check. Lists are unpaged, as documented. */
export function registerCustomerRoutes(router: Router, ctx: ThingsCloudContext): void {
  const { state } = ctx;

  router.get('/api/v1/customers', ...ctx.authed, (_req, res) => {
    sendInfo(res, { items: [...state.customers.values()].map((c) => customerListItem(state, c)) });
  });

  router.get('/api/v1/customer_roles', ...ctx.authed, (_req, res) => {
    const items = [...state.customerRoles.values()].map((role) => ({
      ...role,
      customer_count: [...state.customers.values()].filter((c) => c.role_id === role.id).length,
    }));
    sendInfo(res, { items });
  });

  router.post('/api/v1/customer', ...ctx.authed, (req, res) => {
    const body = validateBody(res, createCustomerBody, req.body);
    if (!body) return;
    if ([...state.customers.values()].some((c) => c.account === body.account)) {
      return sendFailure(res, ThingsCloudErrcode.conflict, 'account already exists', [{ field: 'account', message: 'already used by another customer' }]);
    }
    const id = ctx.newId('customer');
    state.customers.set(id, {
      id, account: body.account, password: body.password, name: body.name, descr: body.descr ?? '', role_id: '',
      email: body.email ?? '', mobile: body.mobile ?? '', tags: { ...(body.tags ?? {}) }, locale: 'zh-CN', create_time: ctx.clock.now(), deviceIds: [],
    });
    sendInfo(res, { id, name: body.name });
  });

  router.post('/api/v1/customer_auth', ...ctx.authed, (req, res) => {
    const body = validateBody(res, authBody, req.body);
    if (!body) return;
    const customer = [...state.customers.values()].find((c) => c.account === body.account && c.password === body.password);
    if (customer === undefined) return sendFailure(res, ThingsCloudErrcode.unauthorized, 'account or password is incorrect');
    sendInfo(res, { id: customer.id, name: customer.name });
  });

  router.get('/api/v1/customer/:customer_id', ...ctx.authed, (req, res) => {
    const customer = findCustomer(ctx, req, res);
    if (customer) sendInfo(res, customerDetail(state, customer));
  });

  router.get('/api/v1/customer/:customer_id/devices', ...ctx.authed, (req, res) => {
    const customer = findCustomer(ctx, req, res);
    if (!customer) return;
    const devices = customer.deviceIds.flatMap((id) => {
      const device = state.devices.get(id);
      return device ? [device] : [];
    });
    sendDeviceList(ctx, req, res, devices);
  });

  router.put('/api/v1/customer/:customer_id/info', ...ctx.authed, (req, res) => {
    const customer = findCustomer(ctx, req, res);
    if (!customer) return;
    const body = validateBody(res, updateCustomerBody, req.body);
    if (!body) return;
    if (body.name !== undefined) customer.name = body.name;
    if (body.descr !== undefined) customer.descr = body.descr;
    if (body.email !== undefined) customer.email = body.email;
    if (body.mobile !== undefined) customer.mobile = body.mobile;
    sendInfo(res, {});
  });

  router.put('/api/v1/customer/:customer_id/pwd', ...ctx.authed, (req, res) => {
    const customer = findCustomer(ctx, req, res);
    if (!customer) return;
    const body = validateBody(res, passwordBody, req.body);
    if (!body) return;
    customer.password = body.password;
    sendInfo(res, {});
  });

  router.put('/api/v1/customer/:customer_id/tags', ...ctx.authed, (req, res) => {
    const customer = findCustomer(ctx, req, res);
    if (!customer) return;
    const body = validateBody(res, tagsBody, req.body);
    if (!body) return;
    Object.assign(customer.tags, body.tags);
    sendInfo(res, {});
  });

  router.delete('/api/v1/customer/:customer_id', ...ctx.authed, (req, res) => {
    const customer = findCustomer(ctx, req, res);
    if (!customer) return;
    state.customers.delete(customer.id);
    sendInfo(res, {});
  });
}
