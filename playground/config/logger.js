const {
  winston,
  formats: { prettyPrint },
} = require('@strapi/logger');

// LOG_LEVEL lets tests keep their output readable (they set "error").
const level = process.env.LOG_LEVEL || 'http';

module.exports = {
  transports: [
    new winston.transports.Console({
      level,
      format: winston.format.combine(prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' })),
    }),
  ],
};
