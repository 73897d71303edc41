import * as React from 'react';
import { Flex, Radio, Typography } from '@strapi/design-system';
import { useIntl, type MessageDescriptor } from 'react-intl';
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

/** The label of a sign-in's app in Settings, for one that is not a network's own. */
export const SIGN_IN_LABELS: Partial<Record<string, MessageDescriptor>> = {
  [INSTAGRAM_LOGIN]: { id: getTrad('oauth.signIn.instagram-login'), defaultMessage: 'Instagram (Instagram Login)' },
};

export const SignInChoice = ({ network, value, onChange }: { network: string; value: string; onChange: (signIn: string) => void }) => {
  const { formatMessage } = useIntl();
  const labelId = React.useId();
  const choices = signInChoicesOf(network);
  if (!choices.length) return null;
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
