import { Badge, EmptyStateLayout, Flex, LinkButton } from '@strapi/design-system';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { sectionById, type SectionId } from '../../sections';
import { getTrad } from '../../utils/getTrad';
import { paths } from '../../utils/paths';

/**
 * A section announced in the navigation but not built yet. It says what will be
 * there and points to what already works, rather than showing invented data.
 */
export const ComingSoonPage = ({ sectionId }: { sectionId: SectionId }) => {
  const { formatMessage } = useIntl();
  const section = sectionById(sectionId);
  const title = formatMessage(section.label);

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={formatMessage(section.purpose)}
        secondaryAction={<Badge>{formatMessage({ id: getTrad('comingSoon.badge'), defaultMessage: 'Coming soon' })}</Badge>}
      />
      <Layouts.Content>
        <EmptyStateLayout
          icon={<EmptyDocuments width="16rem" />}
          content={formatMessage({
            id: getTrad('comingSoon.content'),
            defaultMessage:
              'This section is not available yet. Meanwhile, set up your editorial line and connect your accounts: everything here builds on them.',
          })}
          action={
            <Flex gap={2}>
              <LinkButton tag={RouterLink} to={paths.editorialLines()} variant="secondary">
                {formatMessage({ id: getTrad('comingSoon.goToEditorialLine'), defaultMessage: 'Set up the editorial line' })}
              </LinkButton>
              <LinkButton tag={RouterLink} to={paths.accounts()} variant="secondary">
                {formatMessage({ id: getTrad('comingSoon.goToAccounts'), defaultMessage: 'Connect accounts' })}
              </LinkButton>
            </Flex>
          }
        />
      </Layouts.Content>
    </Page.Main>
  );
};
