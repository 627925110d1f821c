import { fileURLToPath } from 'node:url';
import adapter from '@sveltejs/adapter-node';

/**
 * The SvelteKit configuration both apps use (plain JavaScript: svelte.config.js is loaded by Node before Vite).
 * @returns {import('@sveltejs/kit').Config}
 */
export function sharedKitConfig() {
  return {
    kit: {
      adapter: adapter({ out: 'build' }),
      // one page template for both apps
      files: { appTemplate: fileURLToPath(new URL('./app.html', import.meta.url)) },
      // the origin check on form posts stays on; no trusted origins beyond our own
      csrf: { trustedOrigins: [] },
      // SvelteKit hashes or nonces its own inline scripts; nothing else may run, frame us or load from elsewhere
      csp: {
        mode: 'auto',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self', 'unsafe-inline'],
          'img-src': ['self', 'data:'],
          'connect-src': ['self'],
          'object-src': ['none'],
          'base-uri': ['none'],
          'form-action': ['self'],
          'frame-ancestors': ['none'],
        },
      },
    },
  };
}
