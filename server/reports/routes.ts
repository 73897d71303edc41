import { adminRoute } from '../core/routes';
import { ACTIONS } from '../../shared/core/permissions';

/**
 * Reading figures and reports: `reports.read`; generating, commenting, sharing
 * and deleting: `reports.generate`. Making the Management role is a settings
 * change that also needs Strapi's own right to create and edit roles.
 */
export default [
  adminRoute('POST', '/settings/management-role', 'reports.managementRole', ACTIONS.settings, [
    'admin::roles.create',
    'admin::roles.update',
  ]),
  // Before `/reports/:documentId`, which would read "schedules" as a document id.
  adminRoute('GET', '/reports/schedules', 'reports.schedules', ACTIONS.reportsRead),
  adminRoute('POST', '/reports/schedules', 'reports.createSchedule', ACTIONS.reportsGenerate),
  adminRoute('PUT', '/reports/schedules/:documentId', 'reports.updateSchedule', ACTIONS.reportsGenerate),
  adminRoute('DELETE', '/reports/schedules/:documentId', 'reports.removeSchedule', ACTIONS.reportsGenerate),
  // Sends e-mail to the schedule's recipients: who may change schedules may check one.
  adminRoute('POST', '/reports/schedules/:documentId/send', 'reports.sendScheduleNow', ACTIONS.reportsGenerate),
  adminRoute('GET', '/reports/best-time', 'reports.bestTime', ACTIONS.reportsRead),
  adminRoute('GET', '/reports/best-time/slots', 'reports.bestTimeSlots', ACTIONS.reportsRead),
  adminRoute('GET', '/reports/dashboard', 'reports.dashboard', ACTIONS.reportsRead),
  adminRoute('GET', '/reports/campaigns', 'reports.campaigns', ACTIONS.reportsRead),
  // Before `/reports/:documentId/export` and `/pdf`, which would read "campaigns" as a document id.
  adminRoute('GET', '/reports/campaigns/export', 'reports.exportCampaigns', ACTIONS.reportsRead),
  adminRoute('GET', '/reports/campaigns/pdf', 'reports.campaignsPdf', ACTIONS.reportsRead),
  adminRoute('GET', '/reports/posts/:documentId/readings', 'reports.postReadings', ACTIONS.reportsRead),
  adminRoute('GET', '/reports/dashboard/export', 'reports.exportDashboard', ACTIONS.reportsRead),
  adminRoute('GET', '/reports', 'reports.list', ACTIONS.reportsRead),
  adminRoute('GET', '/reports/:documentId', 'reports.get', ACTIONS.reportsRead),
  adminRoute('GET', '/reports/:documentId/export', 'reports.exportReport', ACTIONS.reportsRead),
  adminRoute('GET', '/reports/:documentId/pdf', 'reports.pdf', ACTIONS.reportsRead),
  adminRoute('POST', '/reports', 'reports.create', ACTIONS.reportsGenerate),
  adminRoute('PUT', '/reports/:documentId', 'reports.update', ACTIONS.reportsGenerate),
  adminRoute('POST', '/reports/:documentId/share', 'reports.share', ACTIONS.reportsGenerate),
  adminRoute('DELETE', '/reports/:documentId', 'reports.remove', ACTIONS.reportsGenerate),
];
