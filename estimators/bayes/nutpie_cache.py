"""On-disk cache of nutpie-compiled PyMC models, so a new process does not recompile.

``nutpie.compile_pymc_model(model, backend="numba")`` turns the PyMC model into two
numba C callbacks (log density with gradient, and the expansion to the traced
variables) and costs 6-18 s per model structure on a 2-core machine, every process:
numba cannot cache those callbacks itself, because they close over functions that
PyTensor generates at run time.  This module stores what the sampler needs from a
compiled model and rebuilds it in another process without PyMC or PyTensor:

* the native code of each callback, in numba's own cache format (the linked
  library's object code, ``serialize_using_object_code``, rebuilt by
  ``unserialize_library`` as numba does for its cached functions), and the numba
  environments it references;
* nutpie's metadata of the model (dimensions, shapes, coordinates, the layout of the
  shared data);
* the initial points: PyMC draws them as the transformed support point plus a
  U(-1, 1) jitter per variable from ``SeedSequence(seed).spawn(...)`` streams
  (``pymc.initial_point.make_initial_point_fn``); the stream of each variable is
  identified against PyMC's own function and checked on several seeds before the
  model is stored, so a loaded model starts its chains exactly where a freshly
  compiled one does and gives the same draws.

Entries are keyed by a SHA-256 of the model's structure (given by the caller), the
source of the function that builds it, the versions of Python, NumPy, numba,
llvmlite, PyTensor, PyMC and nutpie, and numba's description of the CPU (native code
is CPU-specific).  Files are written atomically (a temporary file renamed into
place), so concurrent processes at worst compile twice.  Any failure to store or load
falls back to compiling.

Where: ``$REMOVALS_CACHE_DIR`` (``off`` disables the cache), else
``$NUMBA_CACHE_DIR/removals``, else ``$XDG_CACHE_HOME/removals``, else
``~/.cache/removals``; the entries live in its ``nutpie`` subdirectory (~0.5 MB each).
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import pickle
import platform
import sys
import tempfile
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

#: Version of what an entry holds; entries of another format are ignored.
FORMAT = 1
_PACKAGES = ("numpy", "numba", "llvmlite", "pytensor", "pymc", "nutpie")
#: Seeds on which the initial-point recipe must reproduce PyMC's function exactly.
_CHECK_SEEDS = (0, 1, 2**31 + 11, 10860113089804834692)


def cache_dir() -> Path | None:
    """The directory of the entries, or None when the cache is switched off."""
    explicit = os.environ.get("REMOVALS_CACHE_DIR")
    if explicit is not None:
        if explicit.strip().lower() in ("", "0", "off", "no", "false"):
            return None
        root = Path(explicit)
    elif os.environ.get("NUMBA_CACHE_DIR"):
        root = Path(os.environ["NUMBA_CACHE_DIR"]) / "removals"
    elif os.environ.get("XDG_CACHE_HOME"):
        root = Path(os.environ["XDG_CACHE_HOME"]) / "removals"
    else:
        root = Path.home() / ".cache" / "removals"
    return root / "nutpie"


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version(), "implementation": sys.implementation.name}
    for name in _PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    return out


def _cpu() -> list[str]:
    from numba.core.registry import cpu_target

    return [str(v) for v in cpu_target.target_context.codegen().magic_tuple()]


def cache_key(structure: dict[str, Any], builder: Callable[..., Any]) -> str:
    """SHA-256 naming the entry of a model ``structure`` built by ``builder``."""
    try:
        source = inspect.getsource(builder)
    except (OSError, TypeError):
        source = builder.__code__.co_code.hex()
    payload = {
        "format": FORMAT,
        "structure": structure,
        "builder": f"{builder.__module__}.{builder.__qualname__}",
        "builder_source": hashlib.sha256(source.encode()).hexdigest(),
        "versions": _versions(),
        "cpu": _cpu(),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


class InitialPoint:
    """PyMC's jittered initial point as a function of the seed, without PyTensor.

    ``bases[i]`` is the transformed support point of free variable i and
    ``streams[i]`` the index of its jitter stream among ``SeedSequence(seed).spawn(n)``;
    the point is the concatenation of ``base + Generator(PCG64(stream)).uniform(-1, 1)``.
    """

    def __init__(self, bases: Sequence[np.ndarray], streams: Sequence[int], n_streams: int) -> None:
        self.bases = [np.asarray(b, dtype=np.float64) for b in bases]
        self.streams = list(streams)
        self.n_streams = n_streams

    def __call__(self, seed: Any = None) -> np.ndarray:
        children = np.random.SeedSequence(seed).spawn(self.n_streams)
        parts = []
        for base, j in zip(self.bases, self.streams, strict=True):
            jitter = np.random.Generator(np.random.PCG64(children[j])).uniform(-1, 1, size=base.shape)
            parts.append((base + jitter).ravel())
        return np.ascontiguousarray(np.concatenate(parts), dtype=np.float64)


def initial_point_recipe(model: Any, compiled: Any) -> InitialPoint | None:
    """The :class:`InitialPoint` that reproduces ``compiled.initial_point_func``, or None.

    Needs PyMC (the model's support points); called once, when a model is compiled.
    """
    from pymc.initial_point import make_initial_point_fn

    base_point = make_initial_point_fn(model=model, jitter_rvs=set(), return_transformed=True)(0)
    names = list(base_point)  # the free variables, transformed: the first entries of shape_info
    if list(compiled.shape_info[0])[: len(names)] != names:
        return None
    bases = [np.asarray(base_point[n], dtype=np.float64) for n in names]
    sizes = [b.size for b in bases]
    if sum(sizes) != compiled.n_dim:
        return None
    n = len(names)
    reference = np.asarray(compiled.initial_point_func(_CHECK_SEEDS[0]), dtype=np.float64)
    children = np.random.SeedSequence(_CHECK_SEEDS[0]).spawn(n)
    streams: list[int] = []
    offset = 0
    for base, size in zip(bases, sizes, strict=True):
        target = reference[offset : offset + size]
        hits = [
            j
            for j in range(n)
            if np.array_equal((base + np.random.Generator(np.random.PCG64(children[j])).uniform(-1, 1, base.shape)).ravel(), target)
        ]
        if len(hits) != 1:
            return None
        streams.append(hits[0])
        offset += size
    recipe = InitialPoint(bases, streams, n)
    for seed in _CHECK_SEEDS:
        if not np.array_equal(recipe(seed), np.asarray(compiled.initial_point_func(seed), dtype=np.float64)):
            return None
    return recipe


class NativeFunction:
    """A numba C callback rebuilt from its serialised library (what nutpie calls: ``address``)."""

    def __init__(self, wrapper: str, library_data: Any, envs: Sequence[tuple[str, str, list[Any]]]) -> None:
        from numba.core.compiler_lock import global_compiler_lock
        from numba.core.environment import Environment, lookup_environment
        from numba.core.registry import cpu_target

        # The code calls numba's runtime (NRT_Allocate, ...): make sure its symbols are
        # registered, as numba does before it loads a function from its own cache, and under
        # the same lock (another thread may be compiling).
        with global_compiler_lock:
            cpu_target.target_context.refresh()
            self.library = cpu_target.target_context.codegen().unserialize_library(library_data)
        self.envs = []
        for name, modname, consts in envs:
            env = lookup_environment(name)
            if env is None:
                module = sys.modules.get(modname)
                env = Environment(module.__dict__ if module is not None else {"__name__": modname})
                env.consts[:] = consts
                env.env_name = name
                Environment._memo[name] = env
            self.library.codegen.set_env(name, env)
            self.envs.append(env)
        self.address = self.library.get_pointer_to_function(wrapper)


def _dump_callback(cfunc: Any) -> dict[str, Any]:
    """Serialised native code of a numba ``CFunc`` and the environments it references."""
    from numba.core.environment import lookup_environment

    library = cfunc._library
    envs = []
    for gv in library._final_module.global_variables:
        if gv.name.startswith("_ZN08NumbaEnv"):
            env = lookup_environment(gv.name)
            if env is not None and env.can_cache():
                modname, consts, name = env.__reduce__()[1]
                envs.append((name, modname, list(consts)))
    return {"wrapper": cfunc._wrapper_name, "library": library.serialize_using_object_code(), "envs": envs}


def save(key: str, model: Any, compiled: Any) -> bool:
    """Store a freshly compiled model under ``key``; False (and nothing stored) if it cannot be."""
    directory = cache_dir()
    if directory is None:
        return False
    try:
        from nutpie.compile_pymc import CompiledPyMCModel

        if type(compiled) is not CompiledPyMCModel:
            return False
        recipe = initial_point_recipe(model, compiled)
        if recipe is None:
            return False
        entry = {
            "format": FORMAT,
            "key": key,
            "logp": _dump_callback(compiled.compiled_logp_func),
            "expand": _dump_callback(compiled.compiled_expand_func),
            "n_dim": compiled._n_dim,
            "n_expanded": compiled.n_expanded,
            "shape_info": compiled.shape_info,
            "dims": None if compiled.dims is None else dict(compiled.dims),
            # PyMC's treedict would import PyMC when unpickled: a plain dict of the same values
            "coords": None if compiled._coords is None else dict(compiled._coords.items()),
            "shapes": compiled._shapes,
            "shared_data": {k: np.array(v) for k, v in compiled.shared_data.items()},
            "user_data": np.array(compiled.user_data),
            "initial_point": recipe,
        }
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{key[:16]}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(entry, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, directory / f"{key}.pkl")
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except Exception:  # noqa: BLE001 - a cache that cannot be written only costs a recompile
        return False
    return True


def load(key: str) -> Any | None:
    """The compiled model stored under ``key`` (a nutpie ``CompiledPyMCModel``), or None."""
    directory = cache_dir()
    if directory is None:
        return None
    path = directory / f"{key}.pkl"
    if not path.is_file():
        return None
    try:
        from .nutpie_import import import_nutpie

        import_nutpie()  # nutpie first, without ArviZ until ArviZ is used
        from nutpie.compile_pymc import CompiledPyMCModel, update_user_data

        with open(path, "rb") as fh:
            entry = pickle.load(fh)
        if entry.get("format") != FORMAT or entry.get("key") != key:
            return None
        shared = {}
        for name, value in entry["shared_data"].items():
            value = np.array(value, order="C", copy=True)
            value.flags.writeable = False
            shared[name] = value
        user_data = update_user_data(np.array(entry["user_data"]), shared)
        return CompiledPyMCModel(
            _n_dim=entry["n_dim"],
            dims=entry["dims"],
            _coords=entry["coords"],
            _shapes=entry["shapes"],
            compiled_logp_func=NativeFunction(**_callback_args(entry["logp"])),
            compiled_expand_func=NativeFunction(**_callback_args(entry["expand"])),
            initial_point_func=entry["initial_point"],
            shared_data=shared,
            user_data=user_data,
            n_expanded=entry["n_expanded"],
            shape_info=entry["shape_info"],
            logp_func=None,
            expand_func=None,
        )
    except Exception:  # noqa: BLE001 - an unreadable entry is recompiled and overwritten
        return None


def _callback_args(d: dict[str, Any]) -> dict[str, Any]:
    return {"wrapper": d["wrapper"], "library_data": d["library"], "envs": d["envs"]}
