import * as React from 'react';
import { Box, Flex, Grid, Radio, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { ConnectableNetwork, Network } from '../../api/types';
import { NETWORK_ICONS, NETWORK_LABELS } from '../../networks';
import { can, profileOf } from '../../../shared/networks';
import { getTrad } from '../../utils/getTrad';
import { COMING_SOON_NETWORKS, CONNECTABLE_NETWORKS, needsEncryption } from './accountForm';

interface NetworkChoiceProps {
  value: ConnectableNetwork | null;
  onChange: (network: ConnectableNetwork) => void;
  encryptionConfigured: boolean;
}

const isConnectable = (value: string): value is ConnectableNetwork => CONNECTABLE_NETWORKS.some((network) => network === value);

/** A network added by signing in alone stores its tokens sealed, so it needs the key too (the server refuses the sign-in without). */
const storesTokens = (network: Network) => can(network, 'oauth') && profileOf(network).credentialFields.length === 0;

const NetworkOption = ({ network, note, disabled }: { network: Network; note?: string; disabled: boolean }) => {
  const { formatMessage } = useIntl();
  const Icon = NETWORK_ICONS[network];
  return (
    <Radio.Item value={network} disabled={disabled}>
      <Flex tag="span" gap={2}>
        <Icon aria-hidden width="1.6rem" height="1.6rem" />
        <Typography textColor={disabled ? 'neutral500' : 'neutral800'}>
          {note
            ? formatMessage(
                { id: getTrad('accounts.networkWithNote'), defaultMessage: '{network} ({note})' },
                { network: formatMessage(NETWORK_LABELS[network]), note }
              )
            : formatMessage(NETWORK_LABELS[network])}
        </Typography>
      </Flex>
    </Radio.Item>
  );
};

/**
 * The first choice of the "Add an account" dialog. Networks not connectable yet are listed
 * but disabled, and so are those that store secrets or tokens while no encryption key is set.
 */
export const NetworkChoice = ({ value, onChange, encryptionConfigured }: NetworkChoiceProps) => {
  const { formatMessage, formatList } = useIntl();
  const labelId = React.useId();
  const comingSoon = formatMessage({ id: getTrad('accounts.comingSoon'), defaultMessage: 'coming soon' });
  const needsKey = formatMessage({ id: getTrad('accounts.needsKey'), defaultMessage: 'needs an encryption key' });

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography id={labelId} variant="pi" fontWeight="bold" textColor="neutral800">
        {formatMessage({ id: getTrad('accounts.form.network'), defaultMessage: 'Network' })}
      </Typography>
      <Radio.Group
        aria-labelledby={labelId}
        value={value ?? ''}
        onValueChange={(next) => {
          if (isConnectable(next)) onChange(next);
        }}
      >
        <Grid.Root gap={3}>
          {CONNECTABLE_NETWORKS.map((network) => {
            const blocked = !encryptionConfigured && (needsEncryption(network) || storesTokens(network));
            return (
              <Grid.Item key={network} col={6} s={12}>
                <NetworkOption network={network} disabled={blocked} note={blocked ? needsKey : undefined} />
              </Grid.Item>
            );
          })}
          {COMING_SOON_NETWORKS.map((network) => (
            <Grid.Item key={network} col={6} s={12}>
              <NetworkOption network={network} disabled note={comingSoon} />
            </Grid.Item>
          ))}
        </Grid.Root>
      </Radio.Group>
      {COMING_SOON_NETWORKS.length ? (
        <Box>
          <Typography variant="pi" textColor="neutral600">
            {formatMessage(
              { id: getTrad('accounts.oauthLater'), defaultMessage: '{networks} connect through OAuth, which a later version adds.' },
              {
                networks: formatList(
                  COMING_SOON_NETWORKS.map((network) => formatMessage(NETWORK_LABELS[network])),
                  { type: 'conjunction' }
                ),
              }
            )}
          </Typography>
        </Box>
      ) : null}
    </Flex>
  );
};
