import { Flex, Typography } from '@strapi/design-system';
import { useIntl, type MessageDescriptor } from 'react-intl';
import { can, type Capabilities } from '../../../shared/networks';
import type { Network } from '../../api/types';
import { NETWORK_LABELS } from '../../networks';
import { getTrad } from '../../utils/getTrad';

/** The abilities a person weighs when connecting an account, in the order the plugin uses them. */
const ABILITIES: Array<[keyof Capabilities, MessageDescriptor]> = [
  ['publish', { id: getTrad('accounts.ability.publish'), defaultMessage: 'publish' }],
  ['firstComment', { id: getTrad('accounts.ability.firstComment'), defaultMessage: 'add a first comment' }],
  ['comments', { id: getTrad('accounts.ability.comments'), defaultMessage: 'read comments' }],
  ['reply', { id: getTrad('accounts.ability.reply'), defaultMessage: 'answer comments' }],
  ['hide', { id: getTrad('accounts.ability.hide'), defaultMessage: 'hide comments' }],
  ['metrics', { id: getTrad('accounts.ability.metrics'), defaultMessage: 'collect statistics' }],
];

/**
 * What the plugin can and cannot do with a network's accounts, read from its
 * profile's capabilities (shared/networks), never from its name: LinkedIn, for
 * one, has no way to hide a comment, and a person learns it before connecting.
 */
export const NetworkAbilities = ({ network }: { network: Network }) => {
  const { formatMessage, formatList } = useIntl();
  const name = formatMessage(NETWORK_LABELS[network]);
  const names = (on: boolean) =>
    ABILITIES.filter(([capability]) => can(network, capability) === on).map(([, label]) => formatMessage(label));
  const missing = names(false);
  if (!can(network, 'publish')) return null;
  return (
    <Flex direction="column" alignItems="stretch" gap={1} data-testid="network-abilities">
      <Typography variant="pi" textColor="neutral600">
        {formatMessage(
          { id: getTrad('accounts.ability.can'), defaultMessage: 'With {network}, the plugin can {abilities}.' },
          { network: name, abilities: formatList(names(true)) }
        )}
      </Typography>
      {missing.length ? (
        <Typography variant="pi" textColor="neutral600">
          {formatMessage(
            { id: getTrad('accounts.ability.cannot'), defaultMessage: '{network} gives no way to {abilities}.' },
            {
              network: name,
              abilities: formatList(missing, { type: 'disjunction' }),
            }
          )}
        </Typography>
      ) : null}
    </Flex>
  );
};
