import * as React from 'react';
import { Flex, Radio, Typography } from '@strapi/design-system';
import { useIntl, type MessageDescriptor } from 'react-intl';
import { useOAuthNetworks } from '../../api/oauth';
import { INSTAGRAM_LOGIN } from '../../../shared/networks/instagram';
import { isNetwork, profileOf } from '../../../shared/networks';
import { profileMessage } from '../../networks';
import { getTrad } from '../../utils/getTrad';

/** The sign-ins a network's profile offers (its own first), for the "Add an account" dialog; empty when it has only its own. */
export const signInChoicesOf = (network: string) => {
  const profile = isNetwork(network) ? profileOf(network) : null;
  return profile && 'signIns' in profile && profile.signIns ? profile.signIns : [];
};

/** The label of a sign-in's app in Settings, for one that is not a network's own. */
export const SIGN_IN_LABELS: Partial<Record<string, MessageDescriptor>> = {
  [INSTAGRAM_LOGIN]: { id: getTrad('oauth.signIn.instagram-login'), defaultMessage: 'Instagram (Instagram Login)' },
};

/** The sign-ins of `network` the server has set up now (its own first): the dialog offers only these. */
export function useAvailableSignIns(network: string | null): string[] {
  const networks = useOAuthNetworks();
  if (!network) return [];
  return (networks.data ?? []).filter((n) => n.network === network).map((n) => n.signIn ?? n.network);
}

interface SignInChoiceProps {
  network: string;
  /** the sign-ins set up on the server (useAvailableSignIns): a choice only when there are two or more */
  available: readonly string[];
  value: string;
  onChange: (signIn: string) => void;
}

/**
 * A network reached by more than one sign-in, each with its own app at the
 * network (its profile's `signIns`): the person picks how to connect before
 * "Sign in with …". The value is the sign-in's id, what the OAuth routes take.
 */
export const SignInChoice = ({ network, available, value, onChange }: SignInChoiceProps) => {
  const { formatMessage } = useIntl();
  const labelId = React.useId();
  const choices = signInChoicesOf(network).filter((choice) => available.includes(choice.id));
  if (choices.length < 2) return null;
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography id={labelId} variant="pi" fontWeight="bold" textColor="neutral800">
        {formatMessage({ id: getTrad('accounts.signIn.label'), defaultMessage: 'How to connect' })}
      </Typography>
      <Radio.Group aria-labelledby={labelId} value={value} onValueChange={onChange}>
        {choices.map((choice) => (
          <Radio.Item key={choice.id} value={choice.id}>
            <Flex tag="span" direction="column" alignItems="flex-start" gap={1}>
              <Typography textColor="neutral800">{formatMessage(profileMessage(choice.label))}</Typography>
              <Typography variant="pi" textColor="neutral600">
                {formatMessage(profileMessage(choice.hint))}
              </Typography>
            </Flex>
          </Radio.Item>
        ))}
      </Radio.Group>
    </Flex>
  );
};
