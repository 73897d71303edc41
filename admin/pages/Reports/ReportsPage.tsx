import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  DatePicker,
  Field,
  Flex,
  Loader,
  Modal,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tabs,
  Tbody,
  Td,
  TextInput,
  Textarea,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useSearchParams } from 'react-router-dom';
import { ACTIONS } from '../../../shared/core/permissions';
import { sectionById } from '../../sections';
import { useCan } from '../../utils/permissions';
import { useApiError } from '../../utils/serverMessages';
import { useIntl } from 'react-intl';
import { useCsvDownload, usePdfDownload, useDashboard, useReport, useReportActions, useReportList, type DashboardParams } from './api';
import { Figures, useFormat, useT } from './Figures';
import { Schedules } from './Schedules';
import { BestTimeSection } from './BestTime';
import { Campaigns } from './Campaigns';

type Preset = 'last7' | 'last30' | 'thisMonth' | 'lastMonth' | 'custom';
const PRESETS: Preset[] = ['last7', 'last30', 'thisMonth', 'lastMonth', 'custom'];
const PRESET_LABELS: Record<Preset, string> = {
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  thisMonth: 'This month',
  lastMonth: 'Last month',
  custom: 'Custom dates',
};

const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate());

/**
 * A preset's period in the reader's own days: from its first midnight to the
 * midnight after its last day. A month is compared with the calendar month
 * before it (`compareFrom`/`compareTo`); any other period with the same number
 * of days just before (the server's default).
 */
function periodOf(
  preset: Preset,
  custom: { from?: Date; to?: Date }
): { from: string; to: string; compareFrom?: string; compareTo?: string } | null {
  const today = startOfDay(new Date());
  const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
  switch (preset) {
    case 'last7':
      return { from: new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6).toISOString(), to: tomorrow.toISOString() };
    case 'last30':
      return { from: new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29).toISOString(), to: tomorrow.toISOString() };
    case 'thisMonth':
      return {
        from: new Date(today.getFullYear(), today.getMonth(), 1).toISOString(),
        to: new Date(today.getFullYear(), today.getMonth() + 1, 1).toISOString(),
        compareFrom: new Date(today.getFullYear(), today.getMonth() - 1, 1).toISOString(),
        compareTo: new Date(today.getFullYear(), today.getMonth(), 1).toISOString(),
      };
    case 'lastMonth':
      return {
        from: new Date(today.getFullYear(), today.getMonth() - 1, 1).toISOString(),
        to: new Date(today.getFullYear(), today.getMonth(), 1).toISOString(),
        compareFrom: new Date(today.getFullYear(), today.getMonth() - 2, 1).toISOString(),
        compareTo: new Date(today.getFullYear(), today.getMonth() - 1, 1).toISOString(),
      };
    case 'custom': {
      if (!custom.from || !custom.to || custom.to < custom.from) return null;
      const end = startOfDay(custom.to);
      return {
        from: startOfDay(custom.from).toISOString(),
        to: new Date(end.getFullYear(), end.getMonth(), end.getDate() + 1).toISOString(),
      };
    }
  }
}

/** Turns a failed download into a notification in the reader's language. */
function useDownload() {
  const download = useCsvDownload();
  const { toggleNotification } = useNotification();
  const readApiError = useApiError();
  return (source: Parameters<typeof download>[0], table: Parameters<typeof download>[1]) =>
    download(source, table).catch((err) => toggleNotification({ type: 'danger', message: readApiError(err).message }));
}

const GenerateModal = ({ params, onClose, onDone }: { params: DashboardParams; onClose: () => void; onDone: (id: string) => void }) => {
  const t = useT();
  const f = useFormat();
  const readApiError = useApiError();
  const { generate } = useReportActions();
  const [title, setTitle] = React.useState(() =>
    t('generate.defaultTitle', 'Report {from} – {to}', {
      from: f.date(params.from),
      to: f.date(new Date(Date.parse(params.to) - 1).toISOString()),
    })
  );
  const error = generate.error ? readApiError(generate.error) : null;
  const submit = () =>
    generate.mutate(
      {
        title,
        from: params.from,
        to: params.to,
        compareFrom: params.compareFrom ?? null,
        compareTo: params.compareTo ?? null,
        compare: params.compare ?? null,
        timezone: params.timezone ?? null,
        editorialLineId: params.editorialLineId ?? null,
        accountIds: [],
      },
      { onSuccess: (report) => onDone(report.documentId) }
    );
  return (
    <Modal.Root open onOpenChange={(open: boolean) => (open ? undefined : onClose())}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('generate.title', 'Generate a report')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={3}>
            <Typography textColor="neutral600">
              {t(
                'generate.help',
                'The report keeps the figures of this moment: later readings will not change it. You can comment and share it afterwards.'
              )}
            </Typography>
            <Field.Root name="title" error={error?.fieldErrors.title ?? error?.message} required>
              <Field.Label>{t('generate.field', 'Title')}</Field.Label>
              <TextInput value={title} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTitle(e.target.value)} />
              <Field.Error />
            </Field.Root>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('cancel', 'Cancel')}</Button>
          </Modal.Close>
          <Button onClick={submit} loading={generate.isPending}>
            {t('generate.submit', 'Generate')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

type Compare = 'previous' | 'yearAgo' | 'both';

const DashboardTab = ({ canGenerate, openReport }: { canGenerate: boolean; openReport: (id: string) => void }) => {
  const t = useT();
  const readApiError = useApiError();
  const download = useDownload();
  const [preset, setPreset] = React.useState<Preset>('last30');
  const [custom, setCustom] = React.useState<{ from?: Date; to?: Date }>({});
  const [lineId, setLineId] = React.useState<string>('');
  const [compare, setCompare] = React.useState<Compare>('previous');
  const [generating, setGenerating] = React.useState(false);
  const period = periodOf(preset, custom);
  // A year ago is counted by the server on the reader's own wall clock (their browser's zone), in place of a month's month before.
  // `both` keeps a month's calendar month before as its previous period, with the year-ago one besides it.
  // The zone is always sent: the follower-growth chart's days are the reader's calendar days.
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const compared = !period
    ? null
    : compare === 'yearAgo'
      ? { from: period.from, to: period.to, compare, timezone }
      : compare === 'both'
        ? { ...period, compare, timezone }
        : { ...period, timezone };
  const params: DashboardParams | null = compared ? { ...compared, ...(lineId ? { editorialLineId: lineId } : {}) } : null;
  const dashboard = useDashboard(params);

  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Flex gap={4} wrap="wrap" alignItems="flex-end">
        <Field.Root name="period">
          <Field.Label>{t('period', 'Period')}</Field.Label>
          <SingleSelect value={preset} onChange={(v: string | number) => setPreset(v as Preset)}>
            {PRESETS.map((p) => (
              <SingleSelectOption key={p} value={p}>
                {t(`preset.${p}`, PRESET_LABELS[p])}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        {preset === 'custom' && (
          <>
            <Field.Root name="from">
              <Field.Label>{t('from', 'From')}</Field.Label>
              <DatePicker
                value={custom.from}
                onChange={(d: Date | undefined) => setCustom((c) => ({ ...c, from: d }))}
                maxDate={custom.to}
              />
            </Field.Root>
            <Field.Root name="to">
              <Field.Label>{t('to', 'To')}</Field.Label>
              <DatePicker value={custom.to} onChange={(d: Date | undefined) => setCustom((c) => ({ ...c, to: d }))} minDate={custom.from} />
            </Field.Root>
          </>
        )}
        <Field.Root name="compare">
          <Field.Label>{t('compare', 'Compare with')}</Field.Label>
          <SingleSelect value={compare} onChange={(v: string | number) => setCompare(v === 'yearAgo' || v === 'both' ? v : 'previous')}>
            <SingleSelectOption value="previous">{t('compare.previous', 'The period before')}</SingleSelectOption>
            <SingleSelectOption value="yearAgo">{t('compare.yearAgo', 'The same days a year earlier')}</SingleSelectOption>
            <SingleSelectOption value="both">{t('compare.both', 'The period before and a year earlier')}</SingleSelectOption>
          </SingleSelect>
        </Field.Root>
        <Field.Root name="line">
          <Field.Label>{t('line', 'Editorial line')}</Field.Label>
          <SingleSelect value={lineId} onChange={(v: string | number) => setLineId(String(v))}>
            <SingleSelectOption value="">{t('line.all', 'Every account')}</SingleSelectOption>
            {(dashboard.data?.lines ?? []).map((l) => (
              <SingleSelectOption key={l.documentId} value={l.documentId}>
                {l.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        {canGenerate && params && <Button onClick={() => setGenerating(true)}>{t('generate', 'Generate a report')}</Button>}
      </Flex>
      {!params ? (
        <Typography textColor="neutral600">{t('period.pick', 'Pick the first and the last day.')}</Typography>
      ) : dashboard.isPending ? (
        <Loader>{t('loading', 'Reading the figures')}</Loader>
      ) : dashboard.isError ? (
        <Typography textColor="danger600">{readApiError(dashboard.error).message}</Typography>
      ) : (
        <>
          <Figures data={dashboard.data} onCsv={(table) => download({ dashboard: params }, table)} />
          <BestTimeSection accounts={dashboard.data.current.accounts} />
        </>
      )}
      {generating && params && (
        <GenerateModal
          params={params}
          onClose={() => setGenerating(false)}
          onDone={(id) => {
            setGenerating(false);
            openReport(id);
          }}
        />
      )}
    </Flex>
  );
};

const ReportList = ({ openReport }: { openReport: (id: string) => void }) => {
  const t = useT();
  const f = useFormat();
  const readApiError = useApiError();
  const list = useReportList();
  if (list.isPending) return <Loader>{t('loading.list', 'Loading the reports')}</Loader>;
  if (list.isError) return <Typography textColor="danger600">{readApiError(list.error).message}</Typography>;
  if (!list.data.length)
    return <Typography textColor="neutral600">{t('list.empty', 'No report yet: generate one from the dashboard.')}</Typography>;
  return (
    <Table colCount={5} rowCount={list.data.length + 1}>
      <Thead>
        <Tr>
          <Th>{t('col.title', 'Title')}</Th>
          <Th>{t('col.period', 'Period')}</Th>
          <Th>{t('line', 'Editorial line')}</Th>
          <Th>{t('col.status', 'Status')}</Th>
          <Th>{t('col.generated', 'Generated')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {list.data.map((r) => (
          <Tr key={r.documentId} onClick={() => openReport(r.documentId)} style={{ cursor: 'pointer' }}>
            <Td>
              <Button variant="ghost" onClick={() => openReport(r.documentId)}>
                {r.title}
              </Button>
            </Td>
            <Td>
              <Typography>{`${f.date(r.from)} – ${f.date(new Date(Date.parse(r.to) - 1).toISOString())}`}</Typography>
            </Td>
            <Td>
              <Typography>{r.editorialLineName ?? t('line.all', 'Every account')}</Typography>
            </Td>
            <Td>
              <Badge>{r.status === 'shared' ? t('status.shared', 'Shared') : t('status.draft', 'Draft')}</Badge>
            </Td>
            <Td>
              <Typography>{t('generated.by', '{date} by {name}', { date: f.date(r.generatedAt), name: r.generatedBy ?? '–' })}</Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

/** One frozen report: its figures as generated, the commentary (plain text, shown as text, never as HTML) and sharing. */
const ReportEditor = ({ documentId, canEdit, back }: { documentId: string; canEdit: boolean; back: () => void }) => {
  const t = useT();
  const f = useFormat();
  const readApiError = useApiError();
  const { toggleNotification } = useNotification();
  const download = useDownload();
  const downloadPdf = usePdfDownload();
  const { locale } = useIntl();
  const [pdfBusy, setPdfBusy] = React.useState(false);
  const report = useReport(documentId);
  const { update, share } = useReportActions();
  const [commentary, setCommentary] = React.useState<string | null>(null);
  if (report.isPending) return <Loader>{t('loading', 'Reading the figures')}</Loader>;
  if (report.isError) return <Typography textColor="danger600">{readApiError(report.error).message}</Typography>;
  const r = report.data;
  const text = commentary ?? r.commentary;
  const saved = () => toggleNotification({ type: 'success', message: t('saved', 'Saved') });
  const failed = (err: unknown) => toggleNotification({ type: 'danger', message: readApiError(err).message });
  const pdf = () => {
    const lang = /^fr\b/i.test(locale) ? 'fr' : 'en';
    setPdfBusy(true);
    downloadPdf(r.documentId, lang, `report-${r.from.slice(0, 10)}-${r.to.slice(0, 10)}-${lang}.pdf`)
      .catch(failed)
      .finally(() => setPdfBusy(false));
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Flex justifyContent="space-between" wrap="wrap" gap={2}>
        <Button variant="tertiary" startIcon={<ArrowLeft />} onClick={back}>
          {t('back', 'All reports')}
        </Button>
        <Flex gap={2}>
          <Badge>{r.status === 'shared' ? t('status.shared', 'Shared') : t('status.draft', 'Draft')}</Badge>
          <Button variant="secondary" onClick={pdf} loading={pdfBusy}>
            {t('pdf.download', 'Download the PDF')}
          </Button>
          {canEdit && r.status !== 'shared' && (
            <Button onClick={() => share.mutate(r.documentId, { onSuccess: saved, onError: failed })} loading={share.isPending}>
              {t('share', 'Share with management')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Box>
        <Typography variant="beta" tag="h2">
          {r.title}
        </Typography>
        <Typography tag="p" textColor="neutral600">
          {t('generated.line', 'Figures frozen on {date} by {name}. {line}', {
            date: f.date(r.generatedAt),
            name: r.generatedBy ?? '–',
            line: r.editorialLineName ?? t('line.all', 'Every account'),
          })}
          {r.sharedAt ? ` ${t('shared.line', 'Shared on {date} by {name}.', { date: f.date(r.sharedAt), name: r.sharedBy ?? '–' })}` : ''}
        </Typography>
      </Box>
      <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
        <Field.Root name="commentary">
          <Field.Label>{t('commentary', 'Commentary')}</Field.Label>
          {canEdit ? (
            <Textarea value={text} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setCommentary(e.target.value)} />
          ) : (
            <Typography tag="p" style={{ whiteSpace: 'pre-wrap' }}>
              {text || t('commentary.none', 'No commentary.')}
            </Typography>
          )}
        </Field.Root>
        {canEdit && (
          <Box paddingTop={3}>
            <Button
              variant="secondary"
              disabled={commentary === null || commentary === r.commentary}
              loading={update.isPending}
              onClick={() =>
                update.mutate({ documentId: r.documentId, input: { commentary: text } }, { onSuccess: saved, onError: failed })
              }
            >
              {t('commentary.save', 'Save the commentary')}
            </Button>
          </Box>
        )}
      </Box>
      <Figures data={r.figures} onCsv={(table) => download({ report: r.documentId }, table)} />
    </Flex>
  );
};

/** The Reports section: the live dashboard for any period, campaigns side by side, and the KPI reports frozen from it. */
export const ReportsPage = () => {
  const { formatMessage } = useIntl();
  const t = useT();
  const section = sectionById('reports');
  const { allowed: canGenerate, isLoading } = useCan(ACTIONS.reportsGenerate);
  const [search, setSearch] = useSearchParams();
  const reportId = search.get('report');
  const asked = search.get('tab');
  const tab = asked === 'schedules' || asked === 'campaigns' ? asked : asked === 'reports' || reportId ? 'reports' : 'dashboard';
  const go = (next: Record<string, string>) => setSearch(new URLSearchParams(next), { replace: false });
  const title = formatMessage(section.label);
  const download = useDownload();
  if (isLoading) return <Page.Loading />;
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} subtitle={formatMessage(section.purpose)} />
      <Layouts.Content>
        <Tabs.Root value={tab} onValueChange={(value: string) => go(value === 'dashboard' ? {} : { tab: value })}>
          <Tabs.List aria-label={t('tabs', 'Reports views')}>
            <Tabs.Trigger value="dashboard">{t('tabs.dashboard', 'Dashboard')}</Tabs.Trigger>
            <Tabs.Trigger value="campaigns">{t('tabs.campaigns', 'Campaigns')}</Tabs.Trigger>
            <Tabs.Trigger value="reports">{t('tabs.reports', 'Reports')}</Tabs.Trigger>
            <Tabs.Trigger value="schedules">{t('tabs.schedules', 'Scheduled')}</Tabs.Trigger>
          </Tabs.List>
          <Box paddingTop={6}>
            <Tabs.Content value="dashboard">
              <DashboardTab canGenerate={canGenerate} openReport={(id) => go({ report: id })} />
            </Tabs.Content>
            <Tabs.Content value="campaigns">
              <Campaigns onCsv={(names, table) => download({ campaigns: names }, table)} />
            </Tabs.Content>
            <Tabs.Content value="reports">
              {reportId ? (
                <ReportEditor documentId={reportId} canEdit={canGenerate} back={() => go({ tab: 'reports' })} />
              ) : (
                <ReportList openReport={(id) => go({ report: id })} />
              )}
            </Tabs.Content>
            <Tabs.Content value="schedules">
              <Schedules canEdit={canGenerate} />
            </Tabs.Content>
          </Box>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
};
