//! tokenlens-widget: the `<tokenlens-screener>` element site owners embed
//! with one script tag. A small JS class (`js/widget.js`) registers the
//! element and forwards its lifecycle to [`element::Widget`]; everything
//! else (reading attributes, loading data, grading, rendering) is here.
//!
//! * [`config`]: the attributes, read strictly into a typed configuration;
//! * [`table`]: the rows, graded by `tokenlens-core`, ordered and cut;
//! * [`request`]: the live CoinGecko request of a configuration;
//! * [`message`]: failures in words, with stable codes;
//! * wasm32 only: [`shared`] (the one transport, cache and bundled data of
//!   the page), [`format`] (numbers in the visitor's locale), [`render`]
//!   (the shadow DOM), [`element`] (one element's lifecycle).

pub mod config;
pub mod message;
pub mod request;
pub mod table;

#[cfg(target_arch = "wasm32")]
pub mod element;
#[cfg(target_arch = "wasm32")]
pub mod format;
#[cfg(target_arch = "wasm32")]
pub mod render;
#[cfg(target_arch = "wasm32")]
pub mod shared;
