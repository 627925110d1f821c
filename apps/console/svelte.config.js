import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    adapter: adapter({ out: 'build' }),
    // the origin check on form posts stays on; no trusted origins beyond our own
    csrf: { trustedOrigins: [] },
  },
};
