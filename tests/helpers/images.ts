/** A 1x1 PNG: small enough to inline, real enough for the upload plugin to read its dimensions. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64'
);

/** A 16×16 JPEG: Instagram takes JPEG only. */
export const JPEG = Buffer.from(
  '/9j/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAQABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAH/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAX/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCADoD/2Q==',
  'base64'
);

/**
 * The smallest MP4 the upload plugin files as `video/mp4`: its `ftyp` box (isom, mp41) and an empty
 * `mdat`. Enough for a network fake that fetches the file by URL; nothing decodes it.
 */
export const MP4 = Buffer.from('000000186674797069736f6d0000020069736f6d6d70343100000008' + '6d646174', 'hex');
