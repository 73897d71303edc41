import { Td, Th, Tooltip, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { networkName } from '../networks';

/**
 * The cells the plugin's tables share (Posts, the Publishing queue, Sent):
 * one header, one post title, one account, written once so a long name is cut
 * the same way everywhere (issue 14, item 4).
 */

/**
 * One line of text cut with an ellipsis to its cell's width, the whole of it
 * in a tooltip (and to screen readers): a 200-character title or account name
 * never pushes a table's status and action columns off-screen.
 */
export const Truncated = ({ text, bold = false }: { text: string; bold?: boolean }) => (
  <Tooltip label={text}>
    <Typography
      tag="div"
      fontWeight={bold ? 'bold' : undefined}
      style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', maxWidth: '100%' }}
      tabIndex={0}
    >
      {text}
    </Typography>
  </Tooltip>
);

/**
 * A table's own layout: columns take the widths their headers give and cells
 * wrap, where the design system's table keeps every cell on one line and
 * scrolls sideways (which hid the Publishing page's buttons).
 */
export const FIXED_TABLE = { tableLayout: 'fixed', whiteSpace: 'normal' } as const;

/** Long words (a URL, a network's error text) break rather than widen their cell. */
export const WRAP = { overflowWrap: 'anywhere', wordBreak: 'break-word' } as const;

/** A column's name, in the tables' small grey capitals; `width` is its share of a FIXED_TABLE. */
export const HeaderCell = ({ label, width }: { label: string; width?: string }) => (
  <Th style={width ? { width } : undefined}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
  </Th>
);

/** The post a row is about, by its title (bold, one line); "—" when the post is gone. */
export const PostTitleCell = ({ title }: { title: string | null | undefined }) => (
  <Td>
    <Truncated text={title || '—'} bold />
  </Td>
);

interface AccountLike {
  name: string;
  network: string;
}

/** An account as every table names it: "Team chat (Webhook)". */
export function useAccountLabel() {
  const { formatMessage } = useIntl();
  return (account: AccountLike) => `${account.name} (${networkName(formatMessage, account.network)})`;
}

/** The account a row went to; the network alone when the account was deleted since, "—" when neither is known. */
export const AccountCell = ({ account, network }: { account: AccountLike | null | undefined; network?: string | null }) => {
  const { formatMessage } = useIntl();
  const accountLabel = useAccountLabel();
  return (
    <Td>
      <Truncated text={account ? accountLabel(account) : network ? networkName(formatMessage, network) : '—'} />
    </Td>
  );
};
