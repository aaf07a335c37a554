//! Password hashes with bounded memory and concurrency, shared by the
//! blog and the RealWorld port (Flask's werkzeug hashes and flask-bcrypt).
//!
//! Argon2id with the argon2 crate's defaults (19 MiB, two passes, the
//! OWASP recommendation), run on hashing threads of their own, one per
//! core, started on first use. Each hash takes 19 MiB: on tokio's blocking
//! pool a crowd of logins ran one per thread, and each of those threads
//! kept its 19 MiB afterwards (40 logins at once took the blog to 788 MiB).
//! Here the jobs queue, only these threads ever hold that memory, and each
//! keeps one buffer from one hash to the next (allocated and freed for
//! every hash, each thread's allocator kept another 19 MiB, and 40 logins
//! at once took the blog past 200 MiB).

use std::cell::RefCell;
use std::sync::{mpsc, Arc, Mutex, OnceLock};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, ParamsString, PasswordHash, Salt, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};

/// Why a password could not be hashed or checked: a stored hash that does
/// not parse, or no hashing thread to run on. A server error, to be logged.
#[derive(Debug)]
pub struct HashError(String);

impl std::fmt::Display for HashError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "password hashing: {}", self.0)
    }
}

impl std::error::Error for HashError {}

fn failed(e: impl std::fmt::Display) -> HashError {
    HashError(e.to_string())
}

/// Runs `job` on one of the hashing threads and waits for its result.
async fn on_hashing_thread<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, HashError> {
    type Job = Box<dyn FnOnce() + Send>;
    static QUEUE: OnceLock<mpsc::Sender<Job>> = OnceLock::new();
    let queue = QUEUE.get_or_init(|| {
        let (send, receive) = mpsc::channel::<Job>();
        let receive = Arc::new(Mutex::new(receive));
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        for i in 0..cores {
            let receive = Arc::clone(&receive);
            let spawned = std::thread::Builder::new()
                .name(format!("password-hash-{i}"))
                .spawn(move || loop {
                    let next = receive.lock().map(|r| r.recv());
                    match next {
                        Ok(Ok(job)) => job(),
                        _ => return,
                    }
                });
            if let Err(e) = spawned {
                eprintln!(" * could not start a hashing thread: {e}");
            }
        }
        send
    });
    let (done, result) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        // A request that gave up (timed out, disconnected) is not hashed
        // for nobody.
        if !done.is_closed() {
            let _ = done.send(job());
        }
    });
    queue.send(job).map_err(|_| failed("no hashing thread"))?;
    result
        .await
        .map_err(|_| failed("the hashing thread stopped"))
}

/// Argon2 of `password` and `salt` into `out`, in the memory this hashing
/// thread keeps from one hash to the next.
fn argon2_into(
    argon: &Argon2<'_>,
    password: &[u8],
    salt: Salt<'_>,
    out: &mut [u8],
) -> Result<(), HashError> {
    let mut buf = [0u8; 64];
    let salt = salt.decode_b64(&mut buf).map_err(failed)?;
    thread_local! {
        static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
    }
    MEMORY.with_borrow_mut(|memory| {
        let blocks = argon.params().block_count();
        if memory.len() < blocks {
            memory.resize(blocks, Block::default());
        }
        argon
            .hash_password_into_with_memory(password, salt, out, &mut memory[..blocks])
            .map_err(failed)
    })
}

/// The PHC string of `password` under Argon2id's defaults and a random
/// salt, as `PasswordHasher::hash_password` writes it.
pub async fn hash(password: String) -> Result<String, HashError> {
    on_hashing_thread(move || {
        let salt = SaltString::generate(&mut OsRng);
        let argon = Argon2::default();
        let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
        argon2_into(&argon, password.as_bytes(), salt.as_salt(), &mut out)?;
        let phc = PasswordHash {
            algorithm: Algorithm::default().ident(),
            version: Some(Version::default().into()),
            params: ParamsString::try_from(argon.params()).map_err(failed)?,
            salt: Some(salt.as_salt()),
            hash: Some(Output::new(&out).map_err(failed)?),
        };
        Ok(phc.to_string())
    })
    .await?
}

/// Whether `password` is the one `stored` (a PHC string) was made of, as
/// `PasswordVerifier::verify_password` decides it.
pub async fn verify(password: String, stored: String) -> Result<bool, HashError> {
    on_hashing_thread(move || {
        let parsed = PasswordHash::new(&stored).map_err(failed)?;
        let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
            return Ok(false);
        };
        let algorithm = Algorithm::try_from(parsed.algorithm).map_err(failed)?;
        let version = match parsed.version {
            Some(v) => Version::try_from(v).map_err(failed)?,
            None => Version::default(),
        };
        let params = Params::try_from(&parsed).map_err(failed)?;
        let argon = Argon2::new(algorithm, version, params);
        let mut out = vec![0u8; expected.len()];
        argon2_into(&argon, password.as_bytes(), salt, &mut out)?;
        // `Output`'s comparison takes constant time.
        Ok(Output::new(&out).map_err(failed)? == expected)
    })
    .await?
}
