const { winston, formats: { prettyPrint, levelFilter } } = require('@strapi/logger');

// LOG_LEVEL lets tests keep their output readable (they set "error").
const level = process.env.LOG_LEVEL || 'http';

module.exports = {
  transports: [
    new winston.transports.Console({
      level,
      format: winston.format.combine(levelFilter(level), prettyPrint({ timestamps: 'YYYY-MM-DD hh:mm:ss.SSS' })),
    }),
  ],
};
