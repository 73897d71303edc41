/**
 * The test environment of the suites that boot Strapi (api, e2e,
 * reliability). tests/helpers/strapi.ts loads Strapi with Node's own require,
 * outside jest's sandbox, so Strapi and its database drivers live in the
 * outer realm while the tests run in jest's. A Date the tests hand Strapi
 * (a due time, a clock's instant) must be a Date there too: the drivers bind
 * `instanceof Date` values and refuse any other object. The sandbox's Date is
 * therefore the outer one; everything else stays jest's.
 */
const { TestEnvironment } = require('jest-environment-node');

class StrapiEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.Date = Date;
  }
}

module.exports = StrapiEnvironment;
