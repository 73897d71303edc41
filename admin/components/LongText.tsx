import * as React from 'react';
import { Tooltip, Typography } from '@strapi/design-system';

/**
 * Text of any length in a table cell. The design system's table keeps every
 * cell on one line and scrolls sideways, so one 200-character title pushed the
 * status and action columns off-screen (issue 14, item 4). This text may break
 * anywhere, so its column can shrink to fit; it shows at most `lines` lines,
 * cut with an ellipsis, and the whole of it in a tooltip when it was cut
 * (screen readers read it whole anyway: the cut is visual only).
 */
export const LONG_TEXT_STYLE = { whiteSpace: 'normal', overflowWrap: 'anywhere' } as const;

interface LongTextProps {
  text: string;
  lines?: number;
  variant?: 'omega' | 'pi';
  fontWeight?: 'bold';
  textColor?: string;
  /** what to render instead of the bare text (a link, say); the tooltip still shows `text` */
  children?: React.ReactNode;
}

export const LongText = ({ text, lines = 2, variant = 'omega', fontWeight, textColor, children }: LongTextProps) => {
  const ref = React.useRef<HTMLSpanElement>(null);
  const [open, setOpen] = React.useState(false);
  // The tooltip opens only when the text was actually cut: a short name needs none.
  const cut = () => {
    const element = ref.current;
    return Boolean(element && (element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1));
  };
  return (
    <Tooltip label={text} open={open} onOpenChange={(next: boolean) => setOpen(next && cut())}>
      <Typography
        ref={ref}
        tag="span"
        variant={variant}
        fontWeight={fontWeight}
        textColor={textColor}
        style={{
          ...LONG_TEXT_STYLE,
          display: '-webkit-box',
          WebkitLineClamp: lines,
          WebkitBoxOrient: 'vertical',
          overflow: 'hidden',
        }}
      >
        {children ?? text}
      </Typography>
    </Tooltip>
  );
};
