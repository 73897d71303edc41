import * as React from 'react';
import { QueryClientProvider } from '../api/query';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Navigate, Route, Routes } from 'react-router-dom';
import { adminPermission, type Action } from '../../shared/core/permissions';
import { createQueryClient } from '../api/queryClient';
import { SectionNav } from '../components/SectionNav';
import { SECTIONS, SECTION_READ_ACTIONS, sectionById, type SectionId } from '../sections';
import { pluginPath } from '../utils/paths';
import { useHeldActions } from '../utils/permissions';
import { ComingSoonPage } from './ComingSoon/ComingSoonPage';
import { CrisisBanner } from './Inbox/CrisisBanner';

/**
 * Each page is a chunk of its own, loaded when it is opened: the editorial line
 * does not bring the calendar's FullCalendar nor the composer's linter (issue 19).
 */
const lazyPage = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  React.lazy(async () => ({ default: (await load())[name] }));
const AccountsPage = lazyPage(() => import('./Accounts/AccountsPage'), 'AccountsPage');
const CalendarPage = lazyPage(() => import('./Calendar/CalendarPage'), 'CalendarPage');
const ComposerPage = lazyPage(() => import('./Composer/ComposerPage'), 'ComposerPage');
const PostsPage = lazyPage(() => import('./Posts/PostsPage'), 'PostsPage');
const EditorialLineEditPage = lazyPage(() => import('./EditorialLines/EditorialLineEditPage'), 'EditorialLineEditPage');
const EditorialLinesListPage = lazyPage(() => import('./EditorialLines/EditorialLinesListPage'), 'EditorialLinesListPage');
const WatchPage = lazyPage(() => import('./Watch/WatchPage'), 'WatchPage');
const SourcesPage = lazyPage(() => import('./Watch/sources/SourcesPage'), 'SourcesPage');
const PublishingPage = lazyPage(() => import('./Publishing/PublishingPage'), 'PublishingPage');
const InboxPage = lazyPage(() => import('./Inbox/InboxPage'), 'InboxPage');
const ReportsPage = lazyPage(() => import('./Reports/ReportsPage'), 'ReportsPage');

const Protected = ({ action, children }: { action: Action; children: React.ReactNode }) => (
  <Page.Protect permissions={adminPermission(action)}>{children}</Page.Protect>
);

const protect = (sectionId: SectionId, page: React.ReactNode) => <Protected action={sectionById(sectionId).readAction}>{page}</Protected>;

/** The plugin's landing: the editorial line, or the first built section the user may open. */
const IndexRedirect = () => {
  const held = useHeldActions(SECTION_READ_ACTIONS);
  const target = SECTIONS.find((section) => section.built && held.has(section.readAction)) ?? sectionById('editorial-line');
  return <Navigate to={pluginPath(target.path)} replace />;
};

const App = () => {
  // One cache per mount of the plugin: leaving the section and coming back starts fresh.
  const [queryClient] = React.useState(createQueryClient);

  return (
    <QueryClientProvider client={queryClient}>
      <Layouts.Root sideNav={<SectionNav />}>
        {/* The crisis alert and crisis mode show on every page of the plugin (docs/inbox.md, "Crisis"). */}
        <CrisisBanner />
        <React.Suspense fallback={<Page.Loading />}>
          <Routes>
            <Route index element={<IndexRedirect />} />
            {SECTIONS.filter((section) => !section.built).map((section) => (
              <Route key={section.id} path={section.path} element={protect(section.id, <ComingSoonPage sectionId={section.id} />)} />
            ))}
            <Route path="editorial-line" element={protect('editorial-line', <EditorialLinesListPage />)} />
            <Route path="editorial-line/new" element={protect('editorial-line', <EditorialLineEditPage />)} />
            <Route path="editorial-line/:documentId" element={protect('editorial-line', <EditorialLineEditPage />)} />
            <Route path="accounts" element={protect('accounts', <AccountsPage />)} />
            <Route path="posts" element={protect('posts', <PostsPage />)} />
            <Route path="posts/new" element={protect('posts', <ComposerPage />)} />
            <Route path="posts/:documentId" element={protect('posts', <ComposerPage />)} />
            <Route path="calendar" element={protect('calendar', <CalendarPage />)} />
            <Route path="watch" element={protect('watch', <WatchPage />)} />
            <Route path="watch/sources" element={protect('watch', <SourcesPage />)} />
            <Route path="publishing" element={protect('publishing', <PublishingPage />)} />
            <Route path="moderation" element={protect('moderation', <InboxPage />)} />
            <Route path="reports" element={protect('reports', <ReportsPage />)} />
            {/* An unknown or outdated address lands on the section the user would start from. */}
            <Route path="*" element={<IndexRedirect />} />
          </Routes>
        </React.Suspense>
      </Layouts.Root>
    </QueryClientProvider>
  );
};

export default App;
