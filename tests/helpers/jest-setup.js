// Booting Strapi takes seconds and the browser suite waits on real pages:
// one generous default, never used to measure speed (bench/ does that).
jest.setTimeout(180_000);
