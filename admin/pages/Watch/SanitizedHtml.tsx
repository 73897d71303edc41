import { Box } from '@strapi/design-system';
import { styled } from 'styled-components';

/**
 * Feed HTML, already passed through the server's allow-list sanitizer
 * (server/watch/sanitize.ts: no scripts, handlers, styles, iframes or
 * javascript: URLs) before it was stored. This is the only place the admin
 * renders it, and it renders nothing else.
 */
const Prose = styled(Box)`
  line-height: 1.6;
  word-break: break-word;
  font-size: 1.4rem;
  color: ${({ theme }) => theme.colors.neutral800};
  img {
    max-width: 100%;
    height: auto;
  }
  a {
    color: ${({ theme }) => theme.colors.primary600};
  }
  p,
  ul,
  ol,
  blockquote,
  pre {
    margin-bottom: 1.2rem;
  }
  blockquote {
    border-left: 3px solid ${({ theme }) => theme.colors.neutral200};
    padding-left: 1.2rem;
  }
  pre {
    overflow-x: auto;
  }
`;

export const SanitizedHtml = ({ html }: { html: string }) => (
  <Prose data-testid="watch-content" dangerouslySetInnerHTML={{ __html: html }} />
);
