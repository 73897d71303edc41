import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { claimRow, createTicker, leaseFree, newInstanceId, releaseRow, type LeaseFields, type Ticker } from '../core/jobs';
import { ensureIndex, isUniqueViolation } from '../core/db/indexes';
import { lastSending, nextSending, periodOfSending, type ReportFrequency } from '../../shared/reports/delivery';
import type { GenerateInput, Report } from '../../shared/reports/contract';
import { formatters } from './pdf';
import { label, type PdfLanguage } from './pdf-labels';
import { adminUrlOf, reportLink, reportPdfOf } from './export-pdf';
import { reportsConfig } from './collector';
import { HttpError } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';

const LEASE: LeaseFields = { owner: 'leaseOwner', until: 'leaseUntilMs', clock: 'ms' };
/** longer than generating a year's report, drawing its PDF and one SMTP exchange under their deadlines */
const LEASE_MS = 10 * 60_000;
const RETRY_MS = 3_600_000;
const REPORT_TABLE = 'cm_kpi_reports';
export const DELIVERY_KEY_INDEX = 'cm_kpi_reports_delivery_key_uq';

export interface DeliveryResult {
  sent: number;
  skipped: number;
  failed: number;
}

interface Generate {
  (input: GenerateInput, actor: { id: number; name: string }, extra: { deliveryKey?: string }): Promise<Report>;
}

/**
 * Scheduled reports (docs/reports.md, "Scheduled reports"): a job on the job
 * toolkit. Each due schedule is claimed with a lease (one instance works on it
 * at a time); the period's report is generated once, its `deliveryKey`
 * (schedule + period) under a unique index, so two instances never make two
 * reports of one period; it is e-mailed with its PDF, marked e-mailed, and
 * the schedule moves to its next sending. A failure is written on the schedule
 * and tried again an hour later, for the same period.
 */
export function createDelivery(strapi: Strapi, deps: { generate: Generate; get: (documentId: string) => Promise<Report> }) {
  const schedules = () => strapi.db.query(UID.reportSchedule as never);
  const reports = () => strapi.db.query(UID.kpiReport as never);
  let now = () => Date.now();
  let ticker: Ticker | null = null;

  type SendingPeriod = { from: string; to: string; key: string; compareFrom?: string; compareTo?: string };

  /** A schedule's report of one period, generated as by hand; `deliveryKey` (the calendar's sendings only) makes it once per period. */
  function generateFor(row: Row, period: SendingPeriod, language: PdfLanguage, deliveryKey?: string): Promise<Report> {
    const f = formatters(language, String(row.timezone));
    const title = label(language, row.frequency === 'weekly' ? 'reports.schedule.title.weekly' : 'reports.schedule.title.monthly', {
      from: f.day(period.from),
      to: f.lastDay(period.to),
    });
    return deps.generate(
      {
        title: title.slice(0, 200),
        from: period.from,
        to: period.to,
        compareFrom: period.compareFrom ?? null,
        compareTo: period.compareTo ?? null,
        // Both comparisons frozen, as the dashboard offers them: the period before and the same days a year earlier
        // on the schedule's wall clock (management's monthly report reads this month against last year's).
        compare: 'both',
        timezone: String(row.timezone),
        editorialLineId: (row.editorialLineDocumentId as string | null) ?? null,
        accountIds: (row.accountIds as string[] | null) ?? [],
      },
      { id: 0, name: String(row.name).slice(0, 200) },
      deliveryKey ? { deliveryKey } : {}
    );
  }

  async function reportFor(row: Row, period: SendingPeriod, language: PdfLanguage): Promise<Report> {
    const deliveryKey = `${row.documentId}:${period.key}`;
    const existing = (await reports().findOne({ where: { deliveryKey }, select: ['documentId'] } as never)) as Row | null;
    if (existing) return deps.get(existing.documentId);
    try {
      return await generateFor(row, period, language, deliveryKey);
    } catch (error) {
      // Another instance made this period's report first (the lease ran out under it): use that one.
      if (!isUniqueViolation(error)) throw error;
      const made = (await reports().findOne({ where: { deliveryKey }, select: ['documentId'] } as never)) as Row | null;
      if (!made) throw error;
      return deps.get(made.documentId);
    }
  }

  async function send(row: Row, report: Report, language: PdfLanguage) {
    const email = strapi.plugin('email')?.service('email') as { send(options: object): Promise<unknown> } | undefined;
    if (!email) throw new Error('email_plugin_missing: Strapi’s email plugin is not installed');
    const adminUrl = adminUrlOf(strapi, null);
    const { filename, pdf } = await reportPdfOf(strapi, report, { language, timeZone: String(row.timezone), adminUrl });
    const link = reportLink(adminUrl, report.documentId);
    const params = { title: report.title, name: String(row.name), link };
    await email.send({
      to: (row.recipients as string[]).join(','),
      subject: label(language, 'reports.email.subject', params),
      text: label(language, 'reports.email.body', params),
      attachments: [{ filename, content: pdf, contentType: 'application/pdf' }],
    });
  }

  /** One schedule, claimed by `owner`: the period due, its report, the e-mail, the next sending. */
  async function deliver(row: Row, owner: string, at: number, result: DeliveryResult) {
    const frequency = row.frequency as ReportFrequency;
    const zone = String(row.timezone);
    const language = (row.language === 'fr' ? 'fr' : 'en') as PdfLanguage;
    const period = periodOfSending(frequency, zone, lastSending(frequency, Number(row.hour), zone, at));
    try {
      const report = await reportFor(row, period, language);
      const emailed = (await reports().findOne({ where: { documentId: report.documentId }, select: ['emailedAt'] } as never)) as Row | null;
      if (emailed?.emailedAt) result.skipped++;
      else {
        await send(row, report, language);
        await reports().updateMany({ where: { documentId: report.documentId }, data: { emailedAt: new Date(now()) } } as never);
        result.sent++;
      }
      await releaseRow(strapi, UID.reportSchedule, {
        where: { id: row.id },
        owner,
        fields: LEASE,
        data: {
          nextMs: nextSending(frequency, Number(row.hour), zone, at),
          lastSentMs: at,
          lastPeriodKey: period.key,
          lastReportDocumentId: report.documentId,
          lastError: null,
        },
      });
    } catch (error) {
      result.failed++;
      const message = error instanceof Error ? error.message : String(error);
      strapi.log.warn(`community-manager: scheduled report "${String(row.name)}": ${message}`);
      await releaseRow(strapi, UID.reportSchedule, {
        where: { id: row.id },
        owner,
        fields: LEASE,
        data: { lastError: message.slice(0, 1000), nextMs: at + RETRY_MS },
      });
    }
  }

  /** One pass: every enabled schedule due now, each claimed before it is worked on. */
  async function pass(): Promise<DeliveryResult> {
    const at = now();
    const result: DeliveryResult = { sent: 0, skipped: 0, failed: 0 };
    const due = (await schedules().findMany({
      where: { enabled: true, nextMs: { $notNull: true, $lte: at }, ...leaseFree(at, LEASE) },
      orderBy: { nextMs: 'asc' },
      limit: 50,
    } as never)) as Row[];
    const owner = `${newInstanceId()}#d${at.toString(36)}`;
    for (const row of due) {
      const claimed = await claimRow(strapi, UID.reportSchedule, {
        where: { id: row.id, enabled: true, nextMs: { $lte: at } },
        owner,
        leaseMs: LEASE_MS,
        now: at,
        fields: LEASE,
      });
      if (claimed) await deliver(row, owner, at, result);
    }
    return result;
  }

  /**
   * "Send now": the schedule's latest complete period (the one its last
   * sending covered, or would have), generated afresh and e-mailed at once to
   * its recipients, with its PDF. Outside the calendar: the report carries no
   * delivery key and the schedule is left as it was (its next sending, lease
   * and last error), so checking a schedule never uses up a period's sending.
   */
  async function sendNow(documentId: string): Promise<{ reportId: string; recipients: string[]; period: { from: string; to: string } }> {
    const row = (await schedules().findOne({ where: { documentId } } as never)) as Row | null;
    if (!row) throw new HttpError(404, 'not_found', serverMessage('schedule_not_found'));
    const frequency = row.frequency as ReportFrequency;
    const zone = String(row.timezone);
    const language = (row.language === 'fr' ? 'fr' : 'en') as PdfLanguage;
    const period = periodOfSending(frequency, zone, lastSending(frequency, Number(row.hour), zone, now()));
    const report = await generateFor(row, period, language);
    try {
      await send(row, report, language);
    } catch (error) {
      // The report stays in the list (it was made); the reason is the provider's, shown as it is.
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
      throw new HttpError(502, 'email_failed', serverMessage('report_email_failed', { reason }));
    }
    await reports().updateMany({ where: { documentId: report.documentId }, data: { emailedAt: new Date(now()) } } as never);
    return { reportId: report.documentId, recipients: (row.recipients as string[]) ?? [], period: { from: period.from, to: period.to } };
  }

  return {
    tick: () => pass(),
    sendNow,
    useClock(fn: (() => number) | null) {
      now = fn ?? (() => Date.now());
    },
    now: () => now(),
    async start() {
      await ensureIndex(strapi, REPORT_TABLE, DELIVERY_KEY_INDEX, ['delivery_key'], { unique: true }).catch((err: Error) =>
        strapi.log.warn(`community-manager: cannot add the unique index ${DELIVERY_KEY_INDEX}: ${err.message}`)
      );
      const config = reportsConfig(strapi);
      if (ticker || !config.deliver) return;
      ticker = createTicker({
        pass: async () => ({ result: await pass() }),
        failed: () => ({ sent: 0, skipped: 0, failed: 1 }),
        when: { everyMs: () => config.deliveryTickSeconds * 1000, nextAt: async () => Date.now() + config.deliveryTickSeconds * 1000 },
        log: (err) => strapi.log.warn(`community-manager: scheduled reports: ${err instanceof Error ? err.message : String(err)}`),
      });
      ticker.start();
    },
    async stop() {
      await ticker?.stop();
      ticker = null;
    },
  };
}
