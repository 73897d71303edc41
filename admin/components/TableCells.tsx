import { Tooltip, Typography } from '@strapi/design-system';

/**
 * One line of text cut with an ellipsis to its cell's width, the whole of it
 * in a tooltip (and to screen readers): a 200-character title or account name
 * never pushes a table's status and action columns off-screen (issue 14, item 4).
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
