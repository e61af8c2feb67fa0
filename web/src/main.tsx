// Must stay the first import: it configures zod before the core's schemas are built.
import './zod-config.ts';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { adoptTokenFromUrl } from './auth.ts';
import './styles.css';

adoptTokenFromUrl();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
