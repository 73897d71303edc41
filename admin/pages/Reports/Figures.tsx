import * as React from 'react';
import { Box, Button, Flex, Grid, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { KPIS, type CommunityFigures, type KpiValue, type PostRow } from '../../../shared/reports/kpis';
import type { SITE_SOURCE } from '../../../shared/inbox/contract';
import type { Dashboard, ReportTable } from './api';
import { networkName } from '../../networks';
import { useFormat, useT } from './format';
import { PostFiguresModal } from './PostFigures';
import { FollowerGrowthChart, PillarChart } from './charts';

/**
 * A period's figures, as the dashboard shows them live and a report shows
 * them frozen: the KPI tiles against targets and the previous period, the
 * network table with each engagement rate's basis, the pillar mix (a bar
 * chart, ./charts.tsx), follower growth, top and bottom posts. Every table can be downloaded as CSV.
 */

export { useT, useFormat };

/** The last day of a period whose end is excluded (midnight after it). */
const lastDay = (to: string) => new Date(Date.parse(to) - 1).toISOString();

const KPI_LABELS: Record<string, { label: string; formula: string }> = Object.fromEntries(KPIS.map((k) => [k.id, k]));

const Card = ({ children, testId }: { children: React.ReactNode; testId?: string }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} height="100%" data-testid={testId}>
    {children}
  </Box>
);

/** `yearAgo`: the tile's previous value is a year earlier's; `yearKpi`: a second comparison, a year earlier, under the first. */
const KpiTile = ({ kpi, yearAgo, yearKpi }: { kpi: KpiValue; yearAgo: boolean; yearKpi?: KpiValue }) => {
  const t = useT();
  const f = useFormat();
  const def = KPIS.find((k) => k.id === kpi.id)!;
  const show = (v: number | null) => (def.unit === 'percent' ? f.pct(v) : def.unit === 'duration' ? f.duration(v) : f.num(v));
  return (
    <Card testId={`kpi-${kpi.id}`}>
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Typography variant="sigma" textColor="neutral600">
          {t(`kpi.${kpi.id}`, KPI_LABELS[kpi.id].label)}
        </Typography>
        <Typography variant="alpha" tag="p">
          {show(kpi.value)}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {yearAgo
            ? t('tile.yearAgo', 'A year earlier: {value} ({change})', { value: show(kpi.previous), change: f.signed(kpi.change) })
            : t('tile.previous', 'Previous period: {value} ({change})', { value: show(kpi.previous), change: f.signed(kpi.change) })}
        </Typography>
        {yearKpi && (
          <Typography variant="pi" textColor="neutral600">
            {t('tile.yearAgo', 'A year earlier: {value} ({change})', { value: show(yearKpi.previous), change: f.signed(yearKpi.change) })}
          </Typography>
        )}
        {kpi.target !== null && (
          <Typography variant="pi" textColor={kpi.attainment !== null && kpi.attainment >= 100 ? 'success600' : 'warning600'}>
            {t('tile.target', 'Target {target}: {attainment} reached', { target: show(kpi.target), attainment: f.pct(kpi.attainment) })}
          </Typography>
        )}
        <Typography variant="pi" textColor="neutral500">
          {t(`kpi.${kpi.id}.formula`, KPI_LABELS[kpi.id].formula)}
        </Typography>
      </Flex>
    </Card>
  );
};

const Section = ({ title, onCsv, children }: { title: string; onCsv?: () => void; children: React.ReactNode }) => {
  const t = useT();
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between" gap={2}>
          <Typography variant="delta" tag="h2">
            {title}
          </Typography>
          {onCsv && (
            <Button
              variant="tertiary"
              size="S"
              startIcon={<Download />}
              onClick={onCsv}
              aria-label={t('csv.of', '{table} as CSV', { table: title })}
            >
              {t('csv', 'CSV')}
            </Button>
          )}
        </Flex>
        {children}
      </Flex>
    </Box>
  );
};

const PostsTable = ({ rows, names, onOpen }: { rows: PostRow[]; names: Record<string, string>; onOpen: (post: PostRow) => void }) => {
  const t = useT();
  const f = useFormat();
  const { formatMessage } = useIntl();
  if (!rows.length) return <Typography textColor="neutral600">{t('posts.none', 'No post with figures in this period yet.')}</Typography>;
  return (
    <Table colCount={6} rowCount={rows.length + 1}>
      <Thead>
        <Tr>
          <Th>{t('col.post', 'Post')}</Th>
          <Th>{t('col.account', 'Account')}</Th>
          <Th>{t('col.pillar', 'Pillar')}</Th>
          <Th>{t('col.published', 'Published')}</Th>
          <Th>{t('col.engagements', 'Engagements')}</Th>
          <Th>{t('col.detail', 'Likes · reposts · replies · quotes')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((p) => (
          <Tr key={p.publicationId}>
            <Td>
              <Button
                variant="ghost"
                onClick={() => onOpen(p)}
                aria-label={t('post.openFigures', 'Figures of “{title}”', { title: p.title || '–' })}
              >
                {p.title || '–'}
              </Button>
            </Td>
            <Td>
              <Typography>{`${names[p.accountId] ?? ''} (${networkName(formatMessage, p.network)})`}</Typography>
            </Td>
            <Td>
              <Typography>{p.pillar ?? '–'}</Typography>
            </Td>
            <Td>
              <Typography>{f.date(p.publishedAt)}</Typography>
            </Td>
            <Td>
              <Typography>{f.num(p.engagements, 0)}</Typography>
            </Td>
            <Td>
              <Typography textColor="neutral600">
                {[p.figures?.likes, p.figures?.reposts, p.figures?.replies, p.figures?.quotes].map((v) => f.num(v ?? null, 0)).join(' · ')}
              </Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

/** A figure and, when it has one, its target in brackets: green once reached (more is better), else amber. */
const Measured = ({
  value,
  target,
  show,
}: {
  value: number | null;
  target: number | null | undefined;
  show: (v: number | null) => string;
}) => (
  <Typography
    textColor={target === null || target === undefined || value === null ? undefined : value >= target ? 'success600' : 'warning600'}
  >
    {target === null || target === undefined ? show(value) : `${show(value)} (${show(target)})`}
  </Typography>
);

/**
 * A network's engagement rate and what it was computed as: the rate is only
 * comparable between networks that share a basis, so the basis is always
 * shown beside it (the Figures tab's and the Campaigns tab's tables).
 */
export const RateCells = ({
  rate,
  target,
}: {
  rate: { value: number | null; basis: string; numerator: number; denominator: number };
  /** the network's engagement-rate target, % */
  target?: number | null;
}) => {
  const t = useT();
  const f = useFormat();
  return (
    <>
      <Td>
        <Measured value={rate.value} target={target} show={f.pct} />
      </Td>
      <Td>
        <Typography textColor="neutral600">
          {rate.basis === 'impressions'
            ? t('basis.impressions', '{num} engagements ÷ {den} impressions', { num: rate.numerator, den: rate.denominator })
            : t('basis.followers', '{num} engagements ÷ {den} followers at posting', { num: rate.numerator, den: rate.denominator })}
        </Typography>
      </Td>
    </>
  );
};

/**
 * Followers per day of each account with figures (a week past 120 days). A
 * report shows the series frozen with it; one generated before the chart
 * existed has none, and shows the table only.
 */
const GrowthChart = ({ growth, onCsv }: { growth: NonNullable<Dashboard['followerGrowth']>; onCsv: () => void }) => {
  const t = useT();
  const f = useFormat();
  const { formatMessage } = useIntl();
  if (!growth.accounts.some((a) => a.followers.some((v) => v !== null))) {
    return <Typography textColor="neutral600">{t('growth.none', 'No follower reading in this period yet.')}</Typography>;
  }
  return (
    <>
      <FollowerGrowthChart
        days={growth.days}
        lines={growth.accounts.map((a) => ({
          id: a.accountId,
          label: `${a.name} (${networkName(formatMessage, a.network)})`,
          values: a.followers,
        }))}
        label={t('growth.chart', 'Followers per day of each account over the period')}
        pointLabel={(day) => (growth.step === 'week' ? t('growth.week', 'Week of {day}', { day: f.day(day) }) : f.day(day))}
      />
      <Flex justifyContent="space-between" alignItems="flex-start" gap={2}>
        <Typography variant="pi" textColor="neutral600">
          {growth.step === 'week'
            ? t(
                'growth.legendWeek',
                'Followers at each week’s last reading, days counted in {zone}. A week without one is left as a gap.',
                {
                  zone: growth.timezone,
                }
              )
            : t('growth.legend', 'Followers at each day’s last reading, days counted in {zone}. A day without one is left as a gap.', {
                zone: growth.timezone,
              })}
        </Typography>
        {/* The series itself, a row per account and day: the Audience table's CSV has only each one's start and end. */}
        <Button variant="tertiary" size="S" startIcon={<Download />} onClick={onCsv}>
          {t('csv.followers', 'Followers per day as CSV')}
        </Button>
      </Flex>
    </>
  );
};

/**
 * The inbox's side of the period (docs/reports.md, "Community"): what each source received, how fast the team
 * first answered and in what mood, then each team member's share of the work.
 */
const Community = ({ figures, onCsv }: { figures: CommunityFigures; onCsv: (table: ReportTable) => void }) => {
  const t = useT();
  const f = useFormat();
  const { formatMessage } = useIntl();
  const sourceName = (s: CommunityFigures['total']) =>
    s.source === '*'
      ? t('community.all', 'All sources')
      : s.source === ('site' satisfies typeof SITE_SOURCE)
        ? t('community.site', 'Site comments')
        : `${s.name} (${networkName(formatMessage, s.network)})`;
  const share = (s: CommunityFigures['total'], label: 'positive' | 'negative') =>
    s.volume ? f.pct(Math.round(s.sentiment[label].share * 1000) / 10) : '–';
  return (
    <>
      <Section title={t('community.title', 'Community')} onCsv={() => onCsv('community')}>
        <Typography variant="pi" textColor="neutral600">
          {t(
            'community.note',
            'Replies, mentions and quotes the accounts in scope received, and the site’s comments, spam left out. A sentiment a person chose wins over the computed one.'
          )}
        </Typography>
        {figures.total.volume === 0 ? (
          <Typography textColor="neutral600">{t('community.none', 'Nothing was received in this period.')}</Typography>
        ) : (
          <Table colCount={6} rowCount={figures.sources.length + 2}>
            <Thead>
              <Tr>
                <Th>{t('col.source', 'Source')}</Th>
                <Th>{t('col.received', 'Received')}</Th>
                <Th>{t('col.answered', 'Answered')}</Th>
                <Th>{t('col.firstResponse', 'First response (median · 90%)')}</Th>
                <Th>{t('col.positive', 'Positive')}</Th>
                <Th>{t('col.negative', 'Negative')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {[figures.total, ...figures.sources].map((s) => (
                <Tr key={s.source}>
                  <Td>
                    <Typography fontWeight={s.source === '*' ? 'bold' : undefined}>{sourceName(s)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{f.num(s.volume, 0)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{f.num(s.responded, 0)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{`${f.duration(s.medianMs)} · ${f.duration(s.p90Ms)}`}</Typography>
                  </Td>
                  <Td>
                    <Typography>{share(s, 'positive')}</Typography>
                  </Td>
                  <Td>
                    <Typography>{share(s, 'negative')}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Section>
      {figures.members.length > 0 && (
        <Section title={t('team.title', 'Team')} onCsv={() => onCsv('team')}>
          <Table colCount={4} rowCount={figures.members.length + 1}>
            <Thead>
              <Tr>
                <Th>{t('col.member', 'Team member')}</Th>
                <Th>{t('col.assigned', 'Assigned')}</Th>
                <Th>{t('col.repliesSent', 'Replies sent')}</Th>
                <Th>{t('col.firstResponse', 'First response (median · 90%)')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {figures.members.map((m) => (
                <Tr key={m.userId}>
                  <Td>
                    <Typography>{m.name}</Typography>
                  </Td>
                  <Td>
                    <Typography>{f.num(m.assigned, 0)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{f.num(m.replies, 0)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{m.responded ? `${f.duration(m.medianMs)} · ${f.duration(m.p90Ms)}` : '–'}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Section>
      )}
    </>
  );
};

export const Figures = ({ data, onCsv }: { data: Dashboard; onCsv: (table: ReportTable) => void }) => {
  const t = useT();
  const f = useFormat();
  const { formatMessage } = useIntl();
  const c = data.current;
  const [opened, setOpened] = React.useState<PostRow | null>(null);
  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      {opened && <PostFiguresModal post={opened} accountName={data.accountNames[opened.accountId] ?? ''} onClose={() => setOpened(null)} />}
      <Flex justifyContent="space-between" wrap="wrap" gap={2}>
        <Typography textColor="neutral600">
          {t(
            data.yearAgo ? 'period.compareBoth' : data.comparison === 'yearAgo' ? 'period.compareYearAgo' : 'period.compare',
            data.yearAgo
              ? '{from} – {to}, compared with {prevFrom} – {prevTo} and with the same days a year earlier, {yearFrom} – {yearTo}'
              : data.comparison === 'yearAgo'
                ? '{from} – {to}, compared with the same days a year earlier, {prevFrom} – {prevTo}'
                : '{from} – {to}, compared with {prevFrom} – {prevTo}',
            {
              from: f.date(c.period.from),
              to: f.date(lastDay(c.period.to)),
              prevFrom: f.date(data.previous.period.from),
              prevTo: f.date(lastDay(data.previous.period.to)),
              ...(data.yearAgo ? { yearFrom: f.date(data.yearAgo.period.from), yearTo: f.date(lastDay(data.yearAgo.period.to)) } : {}),
            }
          )}
        </Typography>
        <Button variant="tertiary" size="S" startIcon={<Download />} onClick={() => onCsv('kpis')}>
          {t('csv.kpis', 'KPIs as CSV')}
        </Button>
      </Flex>
      <Grid.Root gap={4}>
        {data.kpis.map((kpi) => (
          <Grid.Item key={kpi.id} col={3} s={6} xs={12} direction="column" alignItems="stretch">
            <KpiTile kpi={kpi} yearAgo={data.comparison === 'yearAgo'} yearKpi={data.yearAgo?.kpis.find((k) => k.id === kpi.id)} />
          </Grid.Item>
        ))}
      </Grid.Root>

      <Section title={t('networks.title', 'Per network')} onCsv={() => onCsv('networks')}>
        <Table colCount={5} rowCount={c.networks.length + 1}>
          <Thead>
            <Tr>
              <Th>{t('col.network', 'Network')}</Th>
              <Th>{t('col.postsTarget', 'Posts (target)')}</Th>
              <Th>{t('col.engagements', 'Engagements')}</Th>
              <Th>{t('col.rateTarget', 'Engagement rate (target)')}</Th>
              <Th>{t('col.basis', 'Computed as')}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {c.networks.map((n) => (
              <Tr key={n.network}>
                <Td>
                  <Typography>{networkName(formatMessage, n.network)}</Typography>
                </Td>
                <Td>
                  <Typography>{n.targetPosts === null ? f.num(n.posts, 0) : `${f.num(n.posts, 0)} (${f.num(n.targetPosts)})`}</Typography>
                </Td>
                <Td>
                  <Typography>{f.num(n.engagements, 0)}</Typography>
                </Td>
                <RateCells rate={n.rate} target={n.targetRate} />
              </Tr>
            ))}
          </Tbody>
        </Table>
      </Section>

      <Section title={t('pillars.title', 'Per pillar')} onCsv={() => onCsv('pillars')}>
        {c.pillars.length > 0 && (
          <PillarChart
            pillars={c.pillars.map((p) => ({
              label: p.pillar || t('pillars.none', 'No pillar'),
              share: p.share,
              targetShare: p.targetShare,
            }))}
            label={t('pillars.chart', 'Share of posts per pillar, against the target share')}
            names={{ share: t('pillars.share', 'Share of posts'), target: t('pillars.target', 'Target share') }}
          />
        )}
        <Typography variant="pi" textColor="neutral600">
          {t('pillars.legend', 'Dark bar: share of the period’s posts. Light bar: the editorial line’s target share.')}
        </Typography>
        <Table colCount={5} rowCount={c.pillars.length + 1}>
          <Thead>
            <Tr>
              <Th>{t('col.pillar', 'Pillar')}</Th>
              <Th>{t('col.posts', 'Posts')}</Th>
              <Th>{t('col.share', 'Share (target)')}</Th>
              <Th>{t('col.engagements', 'Engagements')}</Th>
              <Th>{t('col.perPostTarget', 'Per post (target)')}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {c.pillars.map((p) => (
              <Tr key={p.pillar}>
                <Td>
                  <Typography>{p.pillar || t('pillars.none', 'No pillar')}</Typography>
                </Td>
                <Td>
                  <Typography>{f.num(p.posts, 0)}</Typography>
                </Td>
                <Td>
                  <Typography>{p.targetShare === null ? f.pct(p.share) : `${f.pct(p.share)} (${f.pct(p.targetShare)})`}</Typography>
                </Td>
                <Td>
                  <Typography>{f.num(p.engagements, 0)}</Typography>
                </Td>
                <Td>
                  <Measured value={p.engagementPerPost} target={p.targetEngagementPerPost} show={(v) => f.num(v)} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </Section>

      <Section title={t('accounts.title', 'Audience')} onCsv={() => onCsv('accounts')}>
        {data.followerGrowth && data.followerGrowth.accounts.length > 0 && (
          <GrowthChart growth={data.followerGrowth} onCsv={() => onCsv('followers')} />
        )}
        <Table colCount={4} rowCount={c.accounts.length + 1}>
          <Thead>
            <Tr>
              <Th>{t('col.account', 'Account')}</Th>
              <Th>{t('col.followers', 'Followers (start → end)')}</Th>
              <Th>{t('col.growth', 'Growth')}</Th>
              <Th>{t('col.growthPctTarget', 'Growth rate (target)')}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {c.accounts.map((a) => (
              <Tr key={a.accountId}>
                <Td>
                  <Typography>{`${a.name} (${networkName(formatMessage, a.network)})`}</Typography>
                </Td>
                {a.metrics ? (
                  <>
                    <Td>
                      <Typography>{`${f.num(a.followersStart, 0)} → ${f.num(a.followersEnd, 0)}`}</Typography>
                    </Td>
                    <Td>
                      <Typography>{f.num(a.growth, 0)}</Typography>
                    </Td>
                    <Td>
                      <Measured value={a.growthPct} target={a.targetGrowthPct} show={f.pct} />
                    </Td>
                  </>
                ) : (
                  <Td colSpan={3}>
                    <Typography textColor="neutral600">
                      {t('accounts.noMetrics', 'This network gives no figures: posts are sent, nothing can be measured.')}
                    </Typography>
                  </Td>
                )}
              </Tr>
            ))}
          </Tbody>
        </Table>
      </Section>

      {c.community && <Community figures={c.community} onCsv={onCsv} />}

      <Section title={t('top.title', 'Top posts')} onCsv={() => onCsv('posts')}>
        <PostsTable rows={data.top} names={data.accountNames} onOpen={setOpened} />
      </Section>
      <Section title={t('bottom.title', 'Bottom posts')}>
        <PostsTable rows={data.bottom} names={data.accountNames} onOpen={setOpened} />
      </Section>
    </Flex>
  );
};
