import * as React from 'react';
import type { EventDropArg } from '@fullcalendar/core';
import { useNotification } from '@strapi/strapi/admin';
import { useReschedule, type CalendarEvent } from '../../api/calendar';
import { useApiError } from '../../utils/serverMessages';
import { currentSchedule, droppedSchedule, type Schedule } from './schedule';

export interface LastMove {
  documentId: string;
  title: string;
  from: Schedule;
  to: Schedule;
  /** the instant it now goes out, as the server resolved it: the banner shows it in the grid's zone */
  at: string;
}

/**
 * Drag and drop to reschedule: the server decides (past, published, clock
 * changes, permissions); a refusal puts the post back where it was and shows
 * the server's reason, a success offers Undo, which moves it back the same way.
 */
export function useMovePost(editorZone: string) {
  // The server's refusal in the reader's language (its codes), not its English.
  const readApiError = useApiError();
  // `mutate` is stable across renders (the mutation object is not): the grid's drop handler stays the same function.
  const { mutate, isPending } = useReschedule();
  const { toggleNotification } = useNotification();
  const [lastMove, setLastMove] = React.useState<LastMove | null>(null);

  const onDrop = React.useCallback(
    (post: CalendarEvent, arg: EventDropArg) => {
      const from = currentSchedule(post, editorZone);
      const to = droppedSchedule(post, arg.delta, arg.event.start ?? new Date(post.scheduledAt), editorZone);
      mutate(
        { documentId: post.documentId, schedule: to },
        {
          onSuccess: (plan) =>
            setLastMove({
              documentId: post.documentId,
              title: post.title,
              from,
              to,
              at: plan.scheduledAt ?? arg.event.start?.toISOString() ?? post.scheduledAt,
            }),
          onError: (error) => {
            arg.revert();
            toggleNotification({ type: 'danger', message: readApiError(error).message });
          },
        }
      );
    },
    [editorZone, mutate, toggleNotification]
  );

  const undo = React.useCallback(() => {
    if (!lastMove) return;
    mutate(
      { documentId: lastMove.documentId, schedule: lastMove.from },
      {
        onSuccess: () => setLastMove(null),
        onError: (error) => toggleNotification({ type: 'danger', message: readApiError(error).message }),
      }
    );
  }, [lastMove, mutate, toggleNotification]);

  return { onDrop, undo, lastMove, dismiss: () => setLastMove(null), moving: isPending };
}
