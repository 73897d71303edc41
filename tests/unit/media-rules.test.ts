import { checkMedia, mediaKind, MEDIA_RULES } from '../../shared/networks/media-rules';

const MB = 1024 * 1024;
const image = (id: number, size = 200_000) => ({ id, name: `photo-${id}.jpg`, mime: 'image/jpeg', size });
const video = (id: number, size = 5 * MB) => ({ id, name: `clip-${id}.mp4`, mime: 'video/mp4', size });
const audio = (id: number) => ({ id, name: `talk-${id}.mp3`, mime: 'audio/mpeg', size: MB });
const codes = (problems: ReturnType<typeof checkMedia>) => problems.map((p) => p.code);

describe('per-network media rules', () => {
  it('reads the kind from the MIME type', () => {
    expect(mediaKind('image/png')).toBe('image');
    expect(mediaKind('application/pdf')).toBe('document');
    expect(mediaKind('application/zip')).toBeNull();
  });

  it('a PDF is a LinkedIn document carousel, alone; networks without documents refuse it', () => {
    const pdf = { id: 9, name: 'deck.pdf', mime: 'application/pdf', size: 2 * MB };
    expect(checkMedia('linkedin', [pdf])).toEqual([]);
    expect(codes(checkMedia('linkedin', [pdf, image(1)]))).toContain('media_video_alone');
    expect(codes(checkMedia('linkedin', [{ ...pdf, size: 101 * MB }]))).toEqual(['media_too_large']);
    expect(codes(checkMedia('mastodon', [pdf]))).toEqual(['media_kind_refused']);
  });

  it('Instagram needs media and refuses audio', () => {
    expect(codes(checkMedia('instagram', []))).toEqual(['media_required']);
    const [problem] = checkMedia('instagram', [audio(7)], 'Brand Instagram');
    expect(problem).toMatchObject({ code: 'media_kind_refused', fileId: 7, fileName: 'talk-7.mp3' });
    expect(problem.message).toBe('Brand Instagram does not take audio files: remove talk-7.mp3');
  });

  it('Bluesky takes four images of at most 1 MB', () => {
    expect(
      checkMedia(
        'bluesky',
        [1, 2, 3, 4].map((id) => image(id))
      )
    ).toEqual([]);
    expect(
      codes(
        checkMedia(
          'bluesky',
          [1, 2, 3, 4, 5].map((id) => image(id))
        )
      )
    ).toEqual(['too_many_media']);
    expect(checkMedia('bluesky', [image(1, 1_200_000)])[0]).toMatchObject({ code: 'media_too_large', fileId: 1 });
  });

  it('X, Mastodon and Facebook take a video only on its own', () => {
    expect(checkMedia('x', [video(1)])).toEqual([]);
    expect(codes(checkMedia('x', [image(1), video(2)]))).toEqual(['media_video_alone']);
    expect(codes(checkMedia('mastodon', [audio(1)]))).toEqual([]);
    expect(codes(checkMedia('x', [audio(1)]))).toEqual(['media_kind_refused']);
    // Facebook: one video up to 1 GB (its non-resumable upload, which `file_url` is), never beside photos.
    expect(checkMedia('facebook', [video(1, 1000 * MB)])).toEqual([]);
    expect(codes(checkMedia('facebook', [image(1), video(2)]))).toEqual(['media_video_alone']);
    expect(codes(checkMedia('facebook', [video(1, 1100 * MB)]))).toEqual(['media_too_large']);
  });

  it('Threads and Instagram carousels mix images and videos', () => {
    expect(checkMedia('threads', [image(1), video(2)])).toEqual([]);
    expect(checkMedia('instagram', [image(1), video(2)])).toEqual([]);
  });

  it('webhook and sandbox take any kind and size, up to their count', () => {
    expect(checkMedia('webhook', [audio(1), video(2, 2000 * MB)])).toEqual([]);
    expect(
      codes(
        checkMedia(
          'sandbox',
          Array.from({ length: MEDIA_RULES.sandbox.max + 1 }, (_, i) => image(i))
        )
      )
    ).toEqual(['too_many_media']);
  });

  it('does not call a text file an image', () => {
    expect(checkMedia('mastodon', [{ id: 1, name: 'notes.pdf', mime: 'application/pdf', size: 10 }])[0].code).toBe('media_kind_refused');
  });
});
