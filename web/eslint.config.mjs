// Lints the report's own scripts (web/report/*.js), which run in the browser
// as plain scripts beside Leaflet. Run: npx --prefix web eslint -c web/eslint.config.mjs web/report
import js from '@eslint/js';

export default [
  js.configs.recommended,
  {
    files: ['report/**/*.js'],
    languageOptions: {
      ecmaVersion: 2015,
      sourceType: 'script',
      globals: {
        window: 'readonly', document: 'readonly', console: 'readonly', L: 'readonly', Blob: 'readonly', URL: 'readonly',
        location: 'readonly', Map: 'readonly', XMLSerializer: 'readonly', Image: 'readonly', history: 'readonly', navigator: 'readonly', performance: 'readonly'
      }
    },
    rules: {
      'no-var': 'off',
      strict: ['error', 'function'],
      eqeqeq: 'error',
      'no-implicit-globals': 'error',
      'no-unused-vars': ['error', { caughtErrors: 'none' }]
    }
  }
];
