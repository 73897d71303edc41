import type { IntlShape } from 'react-intl';
import type { MediaProblem } from '../../../shared/networks/media-rules';
import { serverMessageText } from '../../utils/serverMessages';

/** The media rules speak English (the server's errors); the composer says the same in the editor's language, by the same code. */
export const mediaProblemText = (problem: MediaProblem, intl: IntlShape): string =>
  serverMessageText(intl, problem.code, problem.params, problem.message);
