import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './views/App';
import './views/app.css';
import { useApp } from './store/appStore';

// A small hook for the browser tests and the benchmark (as Perfetto exposes its own).
(window as unknown as { __app: unknown }).__app = {
  setCursor: (step: number) => useApp.getState().setCursor(step),
  state: () => useApp.getState(),
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
