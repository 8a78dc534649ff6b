import { describe, expect, it } from '@jest/globals';
import {
  businessAccountOf,
  contactSubmissionOf,
  contractOf,
  fileDownloadOf,
  projectFileOf,
  projectLinkOf,
  projectOf,
  projectTaskOf,
  sessionOf,
  snakeCaseBody,
  ticketOf,
  ticketStatusFilter,
  userOf,
} from '../../src/vendors/dreamreflex/mapping.js';
import {
  rawBusinessAccount,
  rawContactSubmission,
  rawContract,
  rawDownloadUrl,
  rawList,
  rawProject,
  rawProjectFile,
  rawProjectLink,
  rawProjectTask,
  rawTicket,
  rawToken,
  rawUser,
} from '../../src/vendors/dreamreflex/types.js';
import { fixture } from '../support/fixtures.js';

const dr = (name: string) => fixture('dreamreflex', name);

describe('Dreamreflex mapping (on the doc’s own example payloads)', () => {
  it('maps a pending ticket from the list example, reading zone-less times as UTC', () => {
    const [pending, replied] = rawList(rawTicket).parse(dr('tickets-list')).items.map(ticketOf);
    expect(pending).toEqual({
      kind: 'DreamreflexTicket',
      source: 'DREAMREFLEX',
      nativeId: '507f1f77bcf86cd799439012',
      title: '无法导出财务报表',
      body: '在尝试导出本月财务报表时...',
      status: 'OPEN',
      vendorStatus: 'pending',
      ticketType: 'FINANCIAL',
      feedback: null,
      creator: { email: 'user@example.com', name: null },
      responder: null,
      createdAt: '2024-01-01T10:00:00.000Z',
      updatedAt: null,
      repliedAt: null,
    });
    expect(replied).toMatchObject({
      status: 'RESOLVED',
      vendorStatus: 'replied',
      ticketType: 'TECHNICAL',
      feedback: '已优化服务器性能,请重试。',
      responder: { email: 'admin@example.com', name: null },
      repliedAt: '2024-01-01T12:00:00.000Z',
    });
  });

  it('maps the normalized status filter back to the vendor’s, and knows which it cannot have', () => {
    expect(ticketStatusFilter('OPEN')).toBe('pending');
    expect(ticketStatusFilter('RESOLVED')).toBe('replied');
    expect(ticketStatusFilter('CLOSED')).toBeNull();
  });

  it('maps the user from GET /api/auth/me', () => {
    expect(userOf(rawUser.parse(dr('user-me')))).toEqual({
      kind: 'DreamreflexUser',
      source: 'DREAMREFLEX',
      nativeId: '507f1f77bcf86cd799439011',
      email: 'user@example.com',
      role: 'USER',
      isActive: true,
      fullName: '张三',
      phoneNumber: '+86-13800000000',
      avatarUrl: 'https://cdn.example.com/avatar.png',
      bio: '负责北区客户成功支持。',
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-02-01T12:34:56.000Z',
    });
  });

  it('maps a business account, a contract and a project', () => {
    expect(businessAccountOf(rawBusinessAccount.parse(dr('business-account')))).toMatchObject({
      kind: 'BusinessAccount',
      nativeId: '507f1f77bcf86cd799439020',
      status: 'ACTIVE',
      // 张三 is the contact person (联系人姓名), not the owner: the owner is known by e-mail only.
      owner: { email: 'user@example.com', name: null },
      contactPersonName: '张三',
      assignedEmail: 'user@company.com',
      userCode: 'USER001',
      taxNumber: '91110000MA01234567',
      updatedAt: '2024-01-15T10:30:00.000Z',
    });
    expect(contractOf(rawContract.parse(dr('contract')))).toEqual({
      kind: 'Contract',
      source: 'DREAMREFLEX',
      nativeId: '507f1f77bcf86cd799439030',
      title: '云服务合同(2025版)',
      contentMarkdown: '# 合同正文\n\n这里是 Markdown 格式的合同内容……',
      isSigned: false,
      owner: { email: 'user@example.com', name: null },
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-15T10:30:00.000Z',
    });
    expect(projectOf(rawProject.parse(dr('project')))).toMatchObject({
      kind: 'Project',
      name: '示例项目',
      description: '这是一个示例项目',
      overviewMarkdown: '# 项目概述\n\n这里是项目概述内容...',
      createdAt: '2024-01-01T00:00:00.000Z',
    });
  });

  it('maps project files, links and tasks', () => {
    const [file] = rawList(rawProjectFile).parse(dr('project-files')).items.map(projectFileOf);
    expect(file).toEqual({
      kind: 'ProjectFile',
      source: 'DREAMREFLEX',
      nativeId: '507f1f77bcf86cd799439050',
      projectNativeId: '507f1f77bcf86cd799439040',
      filename: '项目文档.pdf',
      size: 1024000,
      contentType: 'application/pdf',
      tag: '文档',
      storageKey: 'projects/507f1f77bcf86cd799439040/files/项目文档.pdf',
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: null,
    });
    expect(rawList(rawProjectLink).parse(dr('project-links')).items.map(projectLinkOf)[0]).toMatchObject({
      title: '项目文档链接',
      url: 'https://docs.example.com/project',
    });
    expect(rawList(rawProjectTask).parse(dr('project-tasks')).items.map(projectTaskOf)[0]).toMatchObject({
      title: '完成项目文档',
      status: 'PENDING',
    });
  });

  it('computes token and download expiry from when Tessera received them', () => {
    const receivedAt = Date.parse('2024-05-01T08:00:00Z');
    expect(sessionOf(rawToken.parse(dr('token')), receivedAt)).toEqual({
      accessToken: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...',
      tokenType: 'bearer',
      expiresIn: 1800,
      expiresAt: '2024-05-01T08:30:00.000Z',
    });
    expect(fileDownloadOf(rawDownloadUrl.parse(dr('download-url')), receivedAt).expiresAt).toBe('2024-05-01T09:00:00.000Z');
  });

  it('maps a contact submission', () => {
    expect(contactSubmissionOf(rawContactSubmission.parse(dr('contact-submission')))).toMatchObject({
      name: '张三',
      isProcessed: false,
      createdAt: '2024-01-01T10:00:00.000Z',
    });
  });

  it('rejects a payload that is not the documented shape', () => {
    expect(rawTicket.safeParse({ ...(rawList(rawTicket).parse(dr('tickets-list')).items[0]), status: 'closed' }).success).toBe(false);
  });

  it('writes only the fields the caller gave, in snake_case', () => {
    expect(snakeCaseBody({ companyName: '示例公司', taxNumber: undefined, contactPhone: null, contactPersonName: '张三' })).toEqual({
      company_name: '示例公司',
      contact_person_name: '张三',
    });
  });
});
