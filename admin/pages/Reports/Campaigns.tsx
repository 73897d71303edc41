import * as React from 'react';
import {
  Box,
  Button,
  Field,
  Flex,
  Loader,
  MultiSelect,
  MultiSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Download } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import type { CampaignFigures } from '../../../shared/reports/contract';
import { CAMPAIGN_TABLES, MAX_COMPARED_CAMPAIGNS, type CampaignTable } from '../../../shared/reports/periods';
import type { PostRow } from '../../../shared/reports/kpis';
import { networkName } from '../../networks';
import { useApiError } from '../../utils/serverMessages';
import { useCampaigns, useCampaignsPdfDownload } from './api';
import { useFormat, useT } from './format';
import { PostFiguresModal } from './PostFigures';
import { RateCells } from './Figures';

/**
 * Campaigns side by side (docs/reports.md, "Campaigns"): each campaign's
 * published posts over its whole life, at their latest readings, by the KPI
 * table's formulas. One column per campaign; the per-network rates keep
 * their basis, and one overall rate only shows when the bases agree.
 */
const CSV_LABELS: Record<CampaignTable, string> = {
  campaigns: 'Campaigns as CSV',
  networks: 'Networks as CSV',
  pillars: 'Pillars as CSV',
  posts: 'Best posts as CSV',
};

export const Campaigns = ({ onCsv }: { onCsv: (names: string[], table: CampaignTable) => void }) => {
  const t = useT();
  const f = useFormat();
  const { formatMessage, locale } = useIntl();
  const readApiError = useApiError();
  const { toggleNotification } = useNotification();
  const downloadPdf = useCampaignsPdfDownload();
  const [pdfBusy, setPdfBusy] = React.useState(false);
  const [names, setNames] = React.useState<string[]>([]);
  const [opened, setOpened] = React.useState<PostRow | null>(null);
  const query = useCampaigns(names);
  const available = query.data?.available ?? [];
  // A figure against the campaign's goal (the editorial line's campaign targets), when it has one.
  const goal = (value: string, target: { target: number; attainment: number | null } | null | undefined) =>
    target
      ? t('campaigns.target', '{value} of {target} ({attainment})', {
          value,
          target: f.num(target.target),
          attainment: f.pct(target.attainment),
        })
      : value;
  const rows: Array<{ id: string; label: string; cell: (c: CampaignFigures) => string }> = [
    { id: 'posts', label: t('kpi.posts', 'Posts published'), cell: (c) => goal(f.num(c.posts, 0), c.targets?.posts) },
    { id: 'withFigures', label: t('campaigns.withFigures', 'Posts with figures'), cell: (c) => f.num(c.postsWithFigures, 0) },
    {
      id: 'engagements',
      label: t('kpi.engagements', 'Engagements'),
      cell: (c) => goal(f.num(c.engagements, 0), c.targets?.engagements),
    },
    {
      id: 'perPost',
      label: t('kpi.engagementPerPost', 'Engagement per post'),
      cell: (c) => goal(f.num(c.engagementPerPost), c.targets?.engagementPerPost),
    },
    { id: 'rate', label: t('kpi.engagementRate', 'Engagement rate'), cell: (c) => f.pct(c.engagementRate) },
    { id: 'first', label: t('campaigns.first', 'First post'), cell: (c) => (c.firstAt ? f.date(c.firstAt) : '–') },
    { id: 'last', label: t('campaigns.last', 'Last post'), cell: (c) => (c.lastAt ? f.date(c.lastAt) : '–') },
  ];
  const compared = query.data?.campaigns ?? [];
  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Typography textColor="neutral600">
        {t(
          'campaigns.help',
          'A campaign is the one a post carries (its links’ utm_campaign unless the post names another). Each column sums the campaign’s published posts, at their latest readings.'
        )}
      </Typography>
      <Field.Root name="campaigns" hint={t('campaigns.hint', 'Up to {max} campaigns', { max: MAX_COMPARED_CAMPAIGNS })}>
        <Field.Label>{t('campaigns.pick', 'Campaigns to compare')}</Field.Label>
        <MultiSelect
          withTags
          value={names}
          placeholder={t('campaigns.placeholder', 'Pick two campaigns or more')}
          onChange={(value: string[]) => setNames(value.slice(0, MAX_COMPARED_CAMPAIGNS))}
        >
          {[...new Set([...available, ...names])].map((name) => (
            <MultiSelectOption key={name} value={name} disabled={names.length >= MAX_COMPARED_CAMPAIGNS && !names.includes(name)}>
              {name}
            </MultiSelectOption>
          ))}
        </MultiSelect>
        <Field.Hint />
      </Field.Root>
      {query.isPending ? (
        <Loader>{t('loading', 'Reading the figures')}</Loader>
      ) : query.isError ? (
        <Typography textColor="danger600">{readApiError(query.error).message}</Typography>
      ) : !available.length ? (
        <Typography textColor="neutral600">{t('campaigns.none', 'No post carries a campaign yet: name one in the composer.')}</Typography>
      ) : !compared.length ? null : (
        <>
          <Flex gap={2} wrap="wrap" justifyContent="flex-end">
            {CAMPAIGN_TABLES.map((table) => (
              <Button key={table} variant="tertiary" size="S" startIcon={<Download />} onClick={() => onCsv(names, table)}>
                {t(`campaigns.csv.${table}`, CSV_LABELS[table])}
              </Button>
            ))}
            <Button
              variant="secondary"
              size="S"
              loading={pdfBusy}
              onClick={() => {
                // The PDF in the admin's language, its dates in the reader's zone, as a report's.
                const lang = /^fr\b/i.test(locale) ? 'fr' : 'en';
                setPdfBusy(true);
                downloadPdf(names, lang, `campaigns-${lang}.pdf`)
                  .catch((err) => toggleNotification({ type: 'danger', message: readApiError(err).message }))
                  .finally(() => setPdfBusy(false));
              }}
            >
              {t('pdf.download', 'Download the PDF')}
            </Button>
          </Flex>
          <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
            <Table colCount={compared.length + 1} rowCount={rows.length + 1} aria-label={t('campaigns.table', 'Campaigns side by side')}>
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">{t('campaigns.figure', 'Figure')}</Typography>
                  </Th>
                  {compared.map((c) => (
                    <Th key={c.campaign}>
                      <Typography variant="sigma">{c.campaign}</Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((row) => (
                  <Tr key={row.id}>
                    <Td>
                      <Typography>{row.label}</Typography>
                    </Td>
                    {compared.map((c) => (
                      <Td key={c.campaign}>
                        <Typography>{row.cell(c)}</Typography>
                      </Td>
                    ))}
                  </Tr>
                ))}
              </Tbody>
            </Table>
            <Box paddingTop={3}>
              <Typography variant="pi" textColor="neutral600">
                {t(
                  'campaigns.rateNote',
                  'One engagement rate per campaign only when its networks share a basis (impressions or followers at posting); the table below gives each network’s.'
                )}
              </Typography>
            </Box>
          </Box>
          <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
            <Table colCount={5} rowCount={compared.reduce((n, c) => n + c.networks.length, 0) + 1}>
              <Thead>
                <Tr>
                  <Th>{t('campaigns.campaign', 'Campaign')}</Th>
                  <Th>{t('col.network', 'Network')}</Th>
                  <Th>{t('col.posts', 'Posts')}</Th>
                  <Th>{t('col.rate', 'Engagement rate')}</Th>
                  <Th>{t('col.basis', 'Computed as')}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {compared.flatMap((c) =>
                  c.networks.map((n) => (
                    <Tr key={`${c.campaign}/${n.network}`}>
                      <Td>
                        <Typography>{c.campaign}</Typography>
                      </Td>
                      <Td>
                        <Typography>{networkName(formatMessage, n.network)}</Typography>
                      </Td>
                      <Td>
                        <Typography>{f.num(n.posts, 0)}</Typography>
                      </Td>
                      <RateCells rate={n.rate} />
                    </Tr>
                  ))
                )}
              </Tbody>
            </Table>
          </Box>
          <Flex gap={4} wrap="wrap" alignItems="flex-start">
            {compared.map((c) => (
              <Box key={c.campaign} background="neutral0" hasRadius shadow="tableShadow" padding={5} style={{ flex: '1 1 240px' }}>
                <Typography variant="delta" tag="h3">
                  {t('campaigns.top', 'Best posts of {campaign}', { campaign: c.campaign })}
                </Typography>
                {c.top.length ? (
                  <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={2}>
                    {c.top.map((p) => (
                      <Button
                        key={p.publicationId}
                        variant="ghost"
                        onClick={() => setOpened(p)}
                        aria-label={t('post.openFigures', 'Figures of “{title}”', { title: p.title || '–' })}
                      >
                        {`${p.title || '–'} · ${f.num(p.engagements, 0)}`}
                      </Button>
                    ))}
                  </Flex>
                ) : (
                  <Typography textColor="neutral600">{t('posts.none', 'No post with figures in this period yet.')}</Typography>
                )}
              </Box>
            ))}
          </Flex>
        </>
      )}
      {opened && (
        <PostFiguresModal post={opened} accountName={query.data?.accountNames[opened.accountId] ?? ''} onClose={() => setOpened(null)} />
      )}
    </Flex>
  );
};
