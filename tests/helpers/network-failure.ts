import { NetworkError } from '../../server/networks/errors';

/** The NetworkError a network call ends with; any other outcome fails the test. */
export async function failure(promise: Promise<unknown>): Promise<NetworkError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof NetworkError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}
