//! A small pool of store connections. rusqlite connections are `Send` but not `Sync`, and a
//! query blocks: each call takes a connection, runs on tokio's blocking threads, and puts the
//! connection back, even when the request that asked for it was dropped meanwhile.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use dossier_store::{Store, StoreError};
use tokio::sync::Semaphore;

use crate::error::ApiError;

pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    permits: Arc<Semaphore>,
}

impl Pool {
    /// Opens `size` connections to the store at `path` (at least one).
    pub fn open(path: &Path, size: usize) -> Result<Arc<Pool>, StoreError> {
        let size = size.max(1);
        let idle = (0..size).map(|_| Store::open(path)).collect::<Result<Vec<_>, _>>()?;
        Ok(Arc::new(Pool { path: path.to_path_buf(), idle: Mutex::new(idle), permits: Arc::new(Semaphore::new(size)) }))
    }

    /// Runs `f` with a connection, on a blocking thread.
    pub async fn run<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
    {
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|e| ApiError::Internal(format!("connection pool closed: {e}")))?;
        let pool = Arc::clone(self);
        let joined = tokio::task::spawn_blocking(move || {
            let mut store = pool.take()?;
            let out = catch_unwind(AssertUnwindSafe(|| f(&mut store)));
            match out {
                Ok(out) => {
                    pool.give(store);
                    drop(permit);
                    out.map_err(ApiError::from)
                }
                // A panic may leave the connection mid-transaction: drop it; `take` opens a
                // fresh one when the pool runs short.
                Err(_) => {
                    drop(permit);
                    Err(ApiError::Internal("a store query panicked".into()))
                }
            }
        })
        .await;
        joined.map_err(|e| ApiError::Internal(format!("store task failed: {e}")))?
    }

    fn take(&self) -> Result<Store, ApiError> {
        let popped = self.idle.lock().unwrap_or_else(PoisonError::into_inner).pop();
        match popped {
            Some(store) => Ok(store),
            None => Store::open(&self.path).map_err(ApiError::from),
        }
    }

    fn give(&self, store: Store) {
        self.idle.lock().unwrap_or_else(PoisonError::into_inner).push(store);
    }
}
