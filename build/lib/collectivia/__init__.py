"""CollectivIA: the trusted generative-AI platform of a French local authority."""

__version__ = "0.1.0"
