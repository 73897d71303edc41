import { Avatar, Box, Flex, Typography } from '@strapi/design-system';
import { useDebounce } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { firstLink } from '../../../shared/planning/utm';
import { useLinkPreview } from '../../api/postPlans';
import type { Network } from '../../api/types';
import type { ComposerMediaValue, PreviewAccount } from './composerValues';
import { NETWORK_LABELS } from '../../networks';
import { getTrad } from '../../utils/getTrad';
import { splitAtLimit } from './cut';
import { facetSegments } from './facetSegments';
import { fileUrl } from './fileUrl';
import { LongText } from '../../components/LongText';
import { profileOf } from '../../../shared/networks';
import { threadParts } from '../../../shared/networks/thread';

interface NetworkPreviewProps {
  network: Network;
  account: PreviewAccount | undefined;
  /** the text the network receives: `renderText` of the plan, as the publisher sends it */
  text: string;
  media: ComposerMediaValue[];
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .map((word) => word.charAt(0))
    .join('')
    .slice(0, 2)
    .toUpperCase();

/** How the post will look on one network: who posts it, the text with its cut, the files and the link card. */
export const NetworkPreview = ({ network, account, text: whole, media }: NetworkPreviewProps) => {
  const { formatMessage } = useIntl();
  // A thread (X): the preview is its first post; the parts after it are counted below it.
  const parts = profileOf(network).thread ? threadParts(whole) : [whole];
  const text = parts[0];
  const { kept, overflow } = splitAtLimit(text, network, account?.limits?.maxCharacters);
  const link = firstLink(text, network);
  // Wait until the address stops changing before asking for its page.
  const card = useLinkPreview(useDebounce(link, 600));
  const answer = card.data && card.data.url && link && card.data.url.split(/[?#]/)[0] === link.split(/[?#]/)[0] ? card.data : null;
  // The server answers 200 with `unavailable` when it could not read the page: the card says so instead of guessing.
  const facts = answer && !('unavailable' in answer) ? answer : null;
  const noPreview = answer !== null && 'unavailable' in answer;
  const name = account?.name ?? formatMessage(NETWORK_LABELS[network]);
  let host = '';
  try {
    host = link ? new URL(link).host : '';
  } catch {
    host = '';
  }

  return (
    <Box padding={4} hasRadius borderColor="neutral200" background="neutral0" data-testid={`preview-${network}`}>
      <Flex gap={2} paddingBottom={3}>
        <Avatar.Item delayMs={0} fallback={initials(name)} />
        {/* minWidth 0: a 120-character account name or handle wraps inside the preview instead of widening the page. */}
        <Flex direction="column" alignItems="flex-start" style={{ minWidth: 0 }}>
          <LongText text={name} fontWeight="bold" />
          <LongText text={account?.handle ?? formatMessage(NETWORK_LABELS[network])} variant="pi" textColor="neutral600" />
        </Flex>
      </Flex>
      <Typography tag="p" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {facetSegments(kept, network).map((segment, i) =>
          segment.facet ? (
            <Typography key={i} textColor="primary600" data-facet={segment.facet}>
              {segment.text}
            </Typography>
          ) : (
            segment.text
          )
        )}
        {overflow ? (
          <Typography textColor="danger600" style={{ textDecoration: 'line-through' }} data-testid="preview-overflow">
            {overflow}
          </Typography>
        ) : null}
      </Typography>
      {overflow ? (
        <Typography variant="pi" textColor="danger600">
          {formatMessage({
            id: getTrad('composer.preview.cut'),
            defaultMessage: 'The struck-through end is over this network’s limit: shorten the text or write a variant.',
          })}
        </Typography>
      ) : null}
      {parts.length > 1 ? (
        <Typography variant="pi" textColor="neutral600" tag="p" data-testid="preview-thread">
          {formatMessage(
            {
              id: getTrad('composer.preview.thread'),
              defaultMessage: '{count, plural, one {# more part follows} other {# more parts follow}} as replies',
            },
            { count: parts.length - 1 }
          )}
        </Typography>
      ) : null}
      {media.length ? (
        <Flex gap={2} paddingTop={3} wrap="wrap">
          {media.map((file) =>
            file.mime.startsWith('image/') ? (
              <img
                key={file.id}
                src={fileUrl(file.url)}
                alt={file.alt}
                width={96}
                height={96}
                style={{ objectFit: 'cover', borderRadius: 4 }}
              />
            ) : (
              <Box key={file.id} padding={2} hasRadius background="neutral100">
                <Typography variant="pi">{file.name}</Typography>
              </Box>
            )
          )}
        </Flex>
      ) : null}
      {link && !media.length ? (
        // The page's own title and picture when the server could read it; otherwise what is known for sure.
        <Box marginTop={3} padding={3} hasRadius borderColor="neutral200" background="neutral100" data-testid="preview-link-card">
          {facts?.image ? (
            <img src={facts.image} alt="" style={{ width: '100%', maxHeight: 160, objectFit: 'cover', borderRadius: 4 }} />
          ) : null}
          <Typography variant="pi" fontWeight="bold" textColor="neutral600" tag="p">
            {host}
          </Typography>
          {facts?.title ? (
            <Typography fontWeight="bold" tag="p">
              {facts.title}
            </Typography>
          ) : null}
          {facts?.description ? (
            <Typography variant="pi" tag="p" textColor="neutral700">
              {facts.description}
            </Typography>
          ) : null}
          {noPreview ? (
            <Typography variant="pi" tag="p" textColor="neutral600" data-testid="preview-no-card">
              {formatMessage({ id: getTrad('composer.preview.noCard'), defaultMessage: 'No preview available' })}
            </Typography>
          ) : null}
          <Typography variant="pi" textColor="neutral800" style={{ overflowWrap: 'anywhere' }}>
            {link}
          </Typography>
        </Box>
      ) : null}
    </Box>
  );
};
