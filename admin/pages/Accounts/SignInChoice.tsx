import * as React from 'react';
import { Flex, Radio, Typography } from '@strapi/design-system';
import { useIntl, type MessageDescriptor } from 'react-intl';
import { useOAuthNetworks } from '../../api/oauth';
import { INSTAGRAM_LOGIN } from '../../../shared/networks/instagram';
import { getTrad } from '../../utils/getTrad';

/**
 * A network reached by more than one sign-in, each with its own app at the
 * network: the person picks how to connect before "Sign in with …". The
 * value is the sign-in's id (the network's own, or e.g. `instagram-login`),
 * what the OAuth routes take.
 */
const CHOICES: Partial<Record<string, Array<{ signIn: string; label: MessageDescriptor; hint: MessageDescriptor }>>> = {
  instagram: [
    {
      signIn: 'instagram',
      label: { id: getTrad('accounts.signIn.instagram.facebook'), defaultMessage: 'Through a Facebook page' },
      hint: {
        id: getTrad('accounts.signIn.instagram.facebook.hint'),
        defaultMessage: 'For an Instagram account linked to a Facebook page you manage: you sign in with Facebook.',
      },
    },
    {
      signIn: INSTAGRAM_LOGIN,
      label: { id: getTrad('accounts.signIn.instagram.login'), defaultMessage: 'Instagram Login (no Facebook page)' },
      hint: {
        id: getTrad('accounts.signIn.instagram.login.hint'),
        defaultMessage:
          'For a professional account without a Facebook page: you sign in with Instagram; its access lasts 60 days and is renewed.',
      },
    },
  ],
};

/** The sign-ins a network offers beside its own, for the "Add an account" dialog; empty when it has only one. */
export const signInChoicesOf = (network: string) => CHOICES[network] ?? [];

/** The sign-ins of `network` the server has set up now (its own first): the dialog offers only these. */
export function useAvailableSignIns(network: string | null): string[] {
  const networks = useOAuthNetworks();
  if (!network) return [];
  return (networks.data ?? []).filter((n) => n.network === network).map((n) => n.signIn ?? n.network);
}

/** The label of a sign-in's app in Settings, for one that is not a network's own. */
export const SIGN_IN_LABELS: Partial<Record<string, MessageDescriptor>> = {
  [INSTAGRAM_LOGIN]: { id: getTrad('oauth.signIn.instagram-login'), defaultMessage: 'Instagram (Instagram Login)' },
};

interface SignInChoiceProps {
  network: string;
  /** the sign-ins set up on the server (useAvailableSignIns): a choice only when there are two or more */
  available: readonly string[];
  value: string;
  onChange: (signIn: string) => void;
}

export const SignInChoice = ({ network, available, value, onChange }: SignInChoiceProps) => {
  const { formatMessage } = useIntl();
  const labelId = React.useId();
  const choices = signInChoicesOf(network).filter((choice) => available.includes(choice.signIn));
  if (choices.length < 2) return null;
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography id={labelId} variant="pi" fontWeight="bold" textColor="neutral800">
        {formatMessage({ id: getTrad('accounts.signIn.label'), defaultMessage: 'How to connect' })}
      </Typography>
      <Radio.Group aria-labelledby={labelId} value={value} onValueChange={onChange}>
        {choices.map((choice) => (
          <Radio.Item key={choice.signIn} value={choice.signIn}>
            <Flex tag="span" direction="column" alignItems="flex-start" gap={1}>
              <Typography textColor="neutral800">{formatMessage(choice.label)}</Typography>
              <Typography variant="pi" textColor="neutral600">
                {formatMessage(choice.hint)}
              </Typography>
            </Flex>
          </Radio.Item>
        ))}
      </Radio.Group>
    </Flex>
  );
};
