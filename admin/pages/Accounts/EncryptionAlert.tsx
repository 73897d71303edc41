import { Alert, Link } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { README_ENCRYPTION_URL } from '../../constants';
import { getTrad } from '../../utils/getTrad';

/** Shown while the server has no encryption key: secrets cannot be stored, so say so before anyone types one. */
export const EncryptionAlert = () => {
  const { formatMessage } = useIntl();
  return (
    <Alert
      variant="warning"
      closeLabel={formatMessage({ id: getTrad('accounts.encryption.close'), defaultMessage: 'Close' })}
      title={formatMessage({ id: getTrad('accounts.encryption.title'), defaultMessage: 'Credentials cannot be stored yet.' })}
      action={
        <Link href={README_ENCRYPTION_URL} isExternal>
          {formatMessage({ id: getTrad('accounts.encryption.link'), defaultMessage: 'How to set the encryption key' })}
        </Link>
      }
    >
      {formatMessage(
        {
          id: getTrad('accounts.encryption.body'),
          defaultMessage:
            'No encryption key is configured on the server. Set {variable} in its environment (for example {example}) and restart Strapi. Until then, Mastodon, Bluesky and webhook accounts cannot be added; the Sandbox network needs no credentials and works now.',
        },
        { variable: 'CM_ENCRYPTION_KEYS', example: 'key1:$(openssl rand -base64 32)' }
      )}
    </Alert>
  );
};
