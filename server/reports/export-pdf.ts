import type { Strapi } from '../core/strapi';
import type { PluginConfig } from '../core/config';
import { PLUGIN_ID } from '../../shared/core/permissions';
import { getService } from '../core/services';
import { guardedFetch } from '../core/http/guarded-fetch';
import { readMedia } from '../publishing/media';
import type { CampaignComparison, Report } from '../../shared/reports/contract';
import type { PdfLanguage } from './pdf-labels';
import { renderCampaignsPdf, renderReportPdf, type PdfOptions } from './pdf';

export interface PdfRequest {
  language: PdfLanguage;
  timeZone: string;
  /** the admin's address (`…/admin`), for the link to the report; null: no link */
  adminUrl: string | null;
}

/**
 * The admin's address for links sent away from it (an e-mail, a PDF): the
 * configured `admin.url` when absolute, else `server.url` + its path, else
 * the request's origin + its path, else the address Strapi listens on.
 */
export function adminUrlOf(strapi: Strapi, origin: string | null): string {
  const admin = String(strapi.config.get('admin.url', '/admin') ?? '/admin').replace(/\/+$/, '');
  if (/^https?:\/\//.test(admin)) return admin;
  const configured = String(strapi.config.get('server.url', '') ?? '').replace(/\/+$/, '');
  // Without a request (a scheduled e-mail) and without server.url: the address Strapi listens on.
  const host = String(strapi.config.get('server.host', 'localhost') ?? 'localhost');
  const listening = `http://${['0.0.0.0', '::', ''].includes(host) ? 'localhost' : host}:${String(strapi.config.get('server.port', 1337))}`;
  const server = /^https?:\/\//.test(configured) ? configured : (origin ?? listening);
  return `${server.replace(/\/+$/, '')}${admin.startsWith('/') ? admin : `/${admin}`}`;
}

/** Where a report opens in the admin. */
export const reportLink = (adminUrl: string, documentId: string) =>
  `${adminUrl}/plugins/${PLUGIN_ID}/reports?report=${encodeURIComponent(documentId)}`;

/**
 * The logo the settings name (a media library image), or null: no logo set,
 * the file gone, not PNG or JPEG, or unreadable (a PDF without a logo beats
 * no PDF). Local files are read from the public folder; a provider's URL is
 * fetched with the plugin's outbound guard and deadline.
 */
async function logoBytes(strapi: Strapi, fileId: number | null): Promise<Buffer | null> {
  if (!fileId) return null;
  const file = (await strapi.db
    .query('plugin::upload.file' as never)
    .findOne({ where: { id: fileId }, select: ['url', 'mime', 'name'] } as never)) as { url?: string; mime?: string; name?: string } | null;
  if (!file?.url || !['image/png', 'image/jpeg'].includes(String(file.mime))) return null;
  const outbound = strapi.plugin(PLUGIN_ID).config('outbound') as PluginConfig['outbound'];
  try {
    const [item] = await readMedia(
      [{ url: file.url, mime: String(file.mime), alt: '', filename: String(file.name ?? 'logo') }],
      strapi.dirs.static.public,
      (url, req = {}) =>
        guardedFetch(
          url,
          { purpose: 'media', timeoutMs: outbound.timeoutMs, maxBytes: outbound.maxResponseBytes, ...req },
          { policy: { allowedHosts: outbound.allowedHosts }, deadlines: outbound.deadlines }
        )
    );
    return item.bytes;
  } catch (error) {
    strapi.log.warn(`community-manager: the reports' logo could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** The PDF's options from the settings: the site's name and logo, in the asked language and zone. */
async function pdfOptions(strapi: Strapi, request: PdfRequest, link: string | null): Promise<PdfOptions> {
  const settings = await getService(strapi, 'settings').get();
  return {
    language: request.language,
    timeZone: request.timeZone,
    siteName: settings.siteName,
    logo: await logoBytes(strapi, settings.reportLogoId),
    link,
  };
}

/** A report's PDF with the settings' site name and logo; the file name says the period. */
export async function reportPdfOf(strapi: Strapi, report: Report, request: PdfRequest): Promise<{ filename: string; pdf: Buffer }> {
  const link = request.adminUrl ? reportLink(request.adminUrl, report.documentId) : null;
  const pdf = await renderReportPdf(report, await pdfOptions(strapi, request, link));
  return { filename: `report-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}-${request.language}.pdf`, pdf };
}

/** Campaigns side by side as a PDF, with the same header (site name, logo) and a link to the Reports page. */
export async function campaignsPdfOf(
  strapi: Strapi,
  comparison: CampaignComparison,
  request: PdfRequest
): Promise<{ filename: string; pdf: Buffer }> {
  const link = request.adminUrl ? `${request.adminUrl}/plugins/${PLUGIN_ID}/reports` : null;
  const pdf = await renderCampaignsPdf(comparison, await pdfOptions(strapi, request, link));
  return { filename: campaignsFilename(comparison, request.language, 'pdf'), pdf };
}

/** `campaigns-<first campaign>-and-1-more-<asOf day>.<ext>`, in characters every file system keeps. */
export function campaignsFilename(comparison: CampaignComparison, suffix: string, ext: string): string {
  const first = (comparison.campaigns[0]?.campaign ?? 'none')
    .normalize('NFKD')
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const more = comparison.campaigns.length > 1 ? `-and-${comparison.campaigns.length - 1}-more` : '';
  return `campaigns-${first || 'campaign'}${more}-${comparison.asOf.slice(0, 10)}-${suffix}.${ext}`;
}
