//! The one error type of the core. Messages quote the offending value and end
//! without a period, so callers can embed them in sentences.

/// Everything that can go wrong in the core, by cause.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A parameter (period, multiplier, threshold) is outside its valid range.
    #[error("invalid parameter `{name}`: {value} ({reason})")]
    InvalidParameter {
        name: &'static str,
        value: String,
        reason: &'static str,
    },
    /// An input value is not usable: NaN, infinite, or negative where it cannot be.
    #[error("invalid input `{field}`: {value}")]
    InvalidInput { field: &'static str, value: String },
    /// Neither a market cap nor a price with a circulating supply was given.
    #[error("market cap unknown: no market cap and no price × circulating supply")]
    MissingMarketCap,
    /// The series is shorter than the computation needs.
    #[error("series too short: {len} values, at least {needed} needed")]
    TooShort { len: usize, needed: usize },
    /// Input columns that must be equally long are not.
    #[error("length mismatch `{field}`: {len} values, {expected} expected")]
    LengthMismatch {
        field: &'static str,
        len: usize,
        expected: usize,
    },
    /// The indicator needs a price column the data does not have.
    #[error("`{indicator}` needs the `{column}` column, which the data lacks")]
    MissingColumn {
        indicator: String,
        column: &'static str,
    },
}

impl Error {
    /// A stable, machine-readable code for the error (used by the JS bindings).
    /// Every code [`Error::code`] gives.
    pub const CODES: [&'static str; 6] = [
        "INVALID_PARAMETER",
        "INVALID_INPUT",
        "MISSING_MARKET_CAP",
        "TOO_SHORT",
        "LENGTH_MISMATCH",
        "MISSING_COLUMN",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidParameter { .. } => "INVALID_PARAMETER",
            Error::InvalidInput { .. } => "INVALID_INPUT",
            Error::MissingMarketCap => "MISSING_MARKET_CAP",
            Error::TooShort { .. } => "TOO_SHORT",
            Error::LengthMismatch { .. } => "LENGTH_MISMATCH",
            Error::MissingColumn { .. } => "MISSING_COLUMN",
        }
    }
}
