import type { IntlShape } from 'react-intl';
import type { MediaProblem } from '../../../shared/networks/media-rules';
import { getTrad } from '../../utils/getTrad';

/** The media rules speak English (the server's errors); the composer says the same in the editor's language. */
export function mediaProblemText(problem: MediaProblem, formatMessage: IntlShape['formatMessage']): string {
  const params = problem.params;
  switch (problem.code) {
    case 'media_required':
      return formatMessage(
        { id: getTrad('composer.mediaProblem.required'), defaultMessage: '{network} needs at least one image or video' },
        params
      );
    case 'too_many_media':
      return formatMessage(
        { id: getTrad('composer.mediaProblem.tooMany'), defaultMessage: '{network} takes at most {max} files; this post has {count}' },
        params
      );
    case 'media_kind_refused':
      return formatMessage(
        { id: getTrad('composer.mediaProblem.kind'), defaultMessage: '{network} does not take this kind of file ({kind}): remove {file}' },
        params
      );
    case 'media_too_large':
      return formatMessage(
        { id: getTrad('composer.mediaProblem.tooLarge'), defaultMessage: '{network} takes files up to {limit} MB; {file} is {size} MB' },
        params
      );
    case 'media_video_alone':
      return formatMessage(
        {
          id: getTrad('composer.mediaProblem.alone'),
          defaultMessage: '{network} takes a video or audio file only on its own: {file} must be the post’s only file',
        },
        params
      );
  }
}
