import { Checkbox, Flex, Link, Status, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import type { PostPlan } from '../../api/postPlans';
import { LongText } from '../../components/LongText';
import { HeaderCell, useAccountLabel } from '../../components/TableCells';
import { getTrad } from '../../utils/getTrad';
import { pluginPath } from '../../utils/paths';
import { STATUS_LABELS, STATUS_VARIANTS } from './statusLabels';

interface PostsTableProps {
  posts: PostPlan[];
  selected: Set<string>;
  onSelect: (ids: Set<string>) => void;
}

/** The scheduled instant as wall-clock time in the editor's own zone (the browser's). */
const inMyZone = (iso: string, locale: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });

export const PostsTable = ({ posts, selected, onSelect }: PostsTableProps) => {
  const { formatMessage, locale } = useIntl();
  const allSelected = posts.length > 0 && posts.every((p) => selected.has(p.documentId));
  const accountLabel = useAccountLabel();
  const header = (id: string, defaultMessage: string) => <HeaderCell label={formatMessage({ id, defaultMessage })} />;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelect(next);
  };

  return (
    <Table colCount={6} rowCount={posts.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Checkbox
              aria-label={formatMessage({ id: getTrad('posts.selectAll'), defaultMessage: 'Select every post of this page' })}
              checked={allSelected}
              onCheckedChange={(checked: boolean | 'indeterminate') =>
                onSelect(checked === true ? new Set(posts.map((p) => p.documentId)) : new Set())
              }
            />
          </Th>
          {header(getTrad('posts.columns.title'), 'Post')}
          {header(getTrad('posts.columns.status'), 'Status')}
          {header(getTrad('posts.columns.accounts'), 'Accounts')}
          {header(getTrad('posts.columns.when'), 'Scheduled for')}
          {header(getTrad('posts.columns.pillar'), 'Pillar · campaign')}
        </Tr>
      </Thead>
      <Tbody>
        {posts.map((post) => (
          <Tr key={post.documentId} data-testid="post-row">
            <Td>
              <Checkbox
                aria-label={formatMessage({ id: getTrad('posts.select'), defaultMessage: 'Select {title}' }, { title: post.title })}
                checked={selected.has(post.documentId)}
                onCheckedChange={(checked: boolean | 'indeterminate') => toggle(post.documentId, checked === true)}
              />
            </Td>
            <Td>
              <Flex direction="column" alignItems="flex-start">
                <Link tag={RouterLink} to={pluginPath('posts', post.documentId)}>
                  <LongText text={post.title} />
                </Link>
                <LongText text={post.body} lines={1} variant="pi" textColor="neutral600" />
              </Flex>
            </Td>
            <Td>
              <Status variant={STATUS_VARIANTS[post.status]} size="S">
                <Typography variant="pi" fontWeight="bold">
                  {formatMessage(STATUS_LABELS[post.status])}
                </Typography>
              </Status>
            </Td>
            <Td>
              <LongText variant="pi" text={post.accounts.map(accountLabel).join(', ') || '—'} />
            </Td>
            <Td>
              <Typography variant="pi">{post.scheduledAt ? inMyZone(post.scheduledAt, locale) : '—'}</Typography>
            </Td>
            <Td>
              <LongText variant="pi" text={[post.pillar, post.campaign].filter(Boolean).join(' · ') || '—'} />
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
