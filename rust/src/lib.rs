//! The compiled core of newsclean, imported by the Python package as `newsclean._core`.
//!
//! Each stage here has a pure-Python twin that stays the reference (`newsclean/bound.py`
//! for [`bound::bound_markup`]); `tests/test_core.py` asserts that both give the same
//! output. Python calls each stage once per document, never once per block.

pub mod bound;

#[cfg(feature = "python")]
mod python {
    use pyo3::prelude::*;

    /// `bound_markup(markup) -> (bounded markup or None when unchanged, tags, dropped)`.
    #[pyfunction]
    fn bound_markup(py: Python<'_>, markup: &str) -> (Option<String>, usize, usize) {
        let b = py.detach(|| crate::bound::bound_markup(markup));
        (b.markup, b.tags, b.dropped)
    }

    #[pymodule]
    fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add_function(wrap_pyfunction!(bound_markup, m)?)?;
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        m.add("MAX_DEPTH", crate::bound::MAX_DEPTH)?;
        m.add("MAX_FORMATTING", crate::bound::MAX_FORMATTING)?;
        m.add("MAX_ATTRIBUTES", crate::bound::MAX_ATTRIBUTES)?;
        Ok(())
    }
}
