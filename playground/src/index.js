const { seedDemo } = require('./seed');

module.exports = {
  register() {},
  async bootstrap({ strapi }) {
    if (process.env.CM_DEMO_SEED === 'false') return;
    await seedDemo(strapi);
  },
};
