import { Badge, Box, Flex, Status, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { LintResult } from '../../../api/types';
import { NETWORK_LABELS } from '../../../networks';
import { getTrad } from '../../../utils/getTrad';
import { SEVERITY_LABELS, SEVERITY_VARIANTS, findingText } from './findingMessages';

/** A measured quantity against its limit, red when over it. */
const Measure = ({ label, over, testId }: { label: string; over: boolean; testId: string }) => (
  <Status variant={over ? 'danger' : 'neutral'} size="S" data-testid={testId}>
    <Typography variant="pi" fontWeight="bold">
      {label}
    </Typography>
  </Status>
);

export const LintResultView = ({ result }: { result: LintResult }) => {
  const intl = useIntl();
  const { formatMessage } = intl;
  const { length } = result;
  const errors = result.findings.filter((finding) => finding.severity === 'error').length;
  const network = formatMessage(NETWORK_LABELS[result.network]);

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Flex wrap="wrap" gap={2}>
        <Measure
          testId="lint-length"
          over={length.counted > length.limit}
          label={
            length.unit === 'weighted'
              ? formatMessage(
                  { id: getTrad('lint.length.weighted'), defaultMessage: '{counted} / {limit} weighted characters' },
                  { counted: length.counted, limit: length.limit }
                )
              : formatMessage(
                  { id: getTrad('lint.length.characters'), defaultMessage: '{counted} / {limit} characters' },
                  { counted: length.counted, limit: length.limit }
                )
          }
        />
        {length.bytes !== undefined && length.byteLimit !== undefined ? (
          <Measure
            testId="lint-bytes"
            over={length.bytes > length.byteLimit}
            label={formatMessage(
              { id: getTrad('lint.length.bytes'), defaultMessage: '{bytes} / {byteLimit} bytes' },
              { bytes: length.bytes, byteLimit: length.byteLimit }
            )}
          />
        ) : null}
        {length.hashtags !== undefined && length.maxHashtags !== undefined ? (
          <Measure
            testId="lint-hashtags"
            over={length.hashtags > length.maxHashtags}
            label={formatMessage(
              { id: getTrad('lint.length.hashtags'), defaultMessage: '{hashtags} / {maxHashtags} hashtags' },
              { hashtags: length.hashtags, maxHashtags: length.maxHashtags }
            )}
          />
        ) : null}
      </Flex>

      <Typography variant="omega" fontWeight="semiBold" textColor={result.ok ? 'success600' : 'danger600'}>
        {result.ok
          ? formatMessage({ id: getTrad('lint.ok'), defaultMessage: 'Ready for {network}' }, { network })
          : formatMessage(
              {
                id: getTrad('lint.notOk'),
                defaultMessage: '{count, plural, one {# error} other {# errors}} to fix before posting on {network}',
              },
              { count: errors, network }
            )}
      </Typography>

      {result.findings.length > 0 ? (
        <Flex
          tag="ul"
          direction="column"
          alignItems="stretch"
          gap={2}
          aria-label={formatMessage({ id: getTrad('lint.findings'), defaultMessage: 'Findings' })}
        >
          {result.findings.map((finding, index) => (
            <Box
              tag="li"
              key={`${finding.code}-${index}`}
              data-testid="lint-finding"
              data-code={finding.code}
              data-severity={finding.severity}
            >
              <Flex gap={2} alignItems="flex-start">
                <Badge variant={SEVERITY_VARIANTS[finding.severity]} size="S">
                  {formatMessage(SEVERITY_LABELS[finding.severity])}
                </Badge>
                <Typography variant="omega">{findingText(intl, finding)}</Typography>
              </Flex>
            </Box>
          ))}
        </Flex>
      ) : null}
    </Flex>
  );
};
