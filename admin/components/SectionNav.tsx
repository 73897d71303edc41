import { Divider } from '@strapi/design-system';
import { SubNav } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { SECTIONS, SECTION_READ_ACTIONS } from '../sections';
import { getTrad } from '../utils/getTrad';
import { pluginPath } from '../utils/paths';
import { useHeldActions } from '../utils/permissions';
import { PublishingBadge } from '../pages/Publishing/PublishingBadge';
import { InboxBadge } from '../pages/Inbox/InboxBadge';

/** The plugin's left sub-navigation: the sections the user may open, in the order of the job. */
export const SectionNav = () => {
  const { formatMessage } = useIntl();
  const held = useHeldActions(SECTION_READ_ACTIONS);
  const title = formatMessage({ id: getTrad('plugin.name'), defaultMessage: 'Community' });
  const visible = SECTIONS.filter((section) => held.has(section.readAction));

  return (
    <SubNav.Main aria-label={title}>
      <SubNav.Header label={title} />
      <Divider />
      <SubNav.Content>
        <SubNav.Sections>
          {[
            <SubNav.Section key="sections" label={formatMessage({ id: getTrad('nav.sections'), defaultMessage: 'Sections' })}>
              {visible.map((section) => (
                <SubNav.Link
                  key={section.id}
                  to={pluginPath(section.path)}
                  label={formatMessage(section.label)}
                  endAction={section.id === 'publishing' ? <PublishingBadge /> : section.id === 'moderation' ? <InboxBadge /> : undefined}
                />
              ))}
            </SubNav.Section>,
          ]}
        </SubNav.Sections>
      </SubNav.Content>
    </SubNav.Main>
  );
};
