import type { PublishPort } from '../types';
import { permanent } from '../errors';

/**
 * The sandbox "network" is the plugin's own log: the publication row is the
 * post. Nothing can be lost between the call and the write, so reconciling
 * finds what the attempt id names.
 */
export const publish: PublishPort = {
  async validate(_ctx, content) {
    if (!content.text.trim()) throw permanent('empty', 'The post is empty');
  },
  async publish(_ctx, _content, attemptId) {
    return { externalId: `sandbox:${attemptId}`, url: null };
  },
  async reply(_ctx, parent, _text, attemptId) {
    return { externalId: `sandbox:${attemptId}:reply`, url: null, ref: { parent: parent.externalId } };
  },
  async findExisting(_ctx, _content, attemptId) {
    return { found: { externalId: `sandbox:${attemptId}`, url: null } };
  },
};
